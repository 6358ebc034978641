import { useEffect, useState } from "react"
import {
  ScalexpertBadge,
  ScalexpertInsurancePicker,
  ScalexpertSimulation,
  type ScalexpertInsuranceChoice,
} from "../../src/storefront"
import { insurance, insureLine } from "./insurance"
import { navigate } from "./router"
import { getProduct, priceOf, regionOf } from "./catalog"
import { addToCart } from "./shop-cart"
import { localeOf, money, scalexpert, type Country } from "./shop-config"
import type { Product } from "./store-api"

/**
 * A product page: the price with the Scalexpert badge and simulation, and the insurance covers
 * the insurer offers for it (the kit's picker, with each cover's legal text). The cover picked goes
 * into the cart with the product, as its own line priced by the insurer's quotation.
 */
export function ProductPage({ handle, country }: { handle: string; country: Country }) {
  const [loaded, setLoaded] = useState<{ product: Product; regionId: string } | null>()
  const [cover, setCover] = useState<ScalexpertInsuranceChoice | null>(null)
  const [adding, setAdding] = useState(false)
  const [error, setError] = useState<string>()
  const [addError, setAddError] = useState<string>()
  useEffect(() => {
    setCover(null)
    Promise.all([getProduct(country, handle), regionOf(country)]).then(
      ([product, region]) => setLoaded(product ? { product, regionId: region.id } : null),
      (e: Error) => setError(e.message)
    )
  }, [country, handle])
  if (error) return <p className="error">{error}</p>
  if (loaded === undefined) return <p>Loading...</p>
  if (loaded === null) return <p>This product does not exist.</p>
  const { product, regionId } = loaded
  const variantId = product.variants[0].id
  const price = priceOf(product)
  const add = async () => {
    setAdding(true)
    setAddError(undefined)
    let added = false
    try {
      const cart = await addToCart(country, variantId)
      added = true
      if (cover) await insureLine(cart, variantId, cover)
      navigate("/checkout")
    } catch (e) {
      const message = (e as Error).message
      setAddError(added ? `In your cart, without the cover: ${message}` : message)
      setAdding(false)
    }
  }
  return (
    <div className="product-page">
      <div>
        <h1 data-testid="product-title">{product.title}</h1>
        <p className="price" data-testid="product-price" data-amount={price}>
          {money(price, country)} <small>incl. VAT</small>
        </p>
        <ScalexpertBadge
          client={scalexpert(country)}
          amount={price}
          country={country}
          productId={product.id}
        />
        <p>{product.description}</p>
        <ScalexpertInsurancePicker
          client={insurance}
          variantId={variantId}
          regionId={regionId}
          country={country.toUpperCase()}
          locale={localeOf(country)}
          value={cover}
          onChange={setCover}
        />
        <button type="button" data-testid="add-to-cart" disabled={adding} onClick={add}>
          Add to cart
        </button>
        {addError && (
          <p className="error" data-testid="add-error">
            {addError}
          </p>
        )}
      </div>
      <aside>
        <h2>Pay in instalments</h2>
        <ScalexpertSimulation
          client={scalexpert(country)}
          amount={price}
          country={country}
          productId={product.id}
          fallback={<p data-testid="no-financing">No Scalexpert financing for this amount.</p>}
        />
      </aside>
    </div>
  )
}
