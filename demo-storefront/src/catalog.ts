import type { Country } from "./shop-config"
import { store, type Product, type Region } from "./store-api"

/** The regions and the products of the shop, priced for the shopper's country. */

let regions: Promise<Region[]> | undefined

export async function regionOf(country: Country): Promise<Region> {
  regions ??= store<{ regions: Region[] }>("/store/regions?fields=id,name,*countries").then(
    (r) => r.regions
  )
  const region = (await regions).find((r) => r.countries.some((c) => c.iso_2 === country))
  if (!region) throw new Error(`No region sells to ${country.toUpperCase()}`)
  return region
}

const productQuery = async (country: Country, extra: string) => {
  const region = await regionOf(country)
  return `/store/products?region_id=${region.id}&country_code=${country}&fields=id,title,handle,description,*variants.calculated_price${extra}`
}

export async function listProducts(country: Country): Promise<Product[]> {
  return (await store<{ products: Product[] }>(await productQuery(country, "&order=created_at")))
    .products
}

export async function getProduct(country: Country, handle: string): Promise<Product | undefined> {
  const path = await productQuery(country, `&handle=${encodeURIComponent(handle)}`)
  return (await store<{ products: Product[] }>(path)).products[0]
}

/** The price the shopper pays, taxes included. */
export function priceOf(product: Product): number {
  const price = product.variants[0]?.calculated_price
  return price?.calculated_amount_with_tax ?? price?.calculated_amount ?? 0
}
