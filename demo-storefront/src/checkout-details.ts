import { getCart, revalidateCart } from "./shop-cart"
import type { Country } from "./shop-config"
import { store, type Cart } from "./store-api"

/** The buyer's details and delivery, the checkout's first step. */

export type Buyer = {
  email: string
  first_name: string
  last_name: string
  address_1: string
  postal_code: string
  city: string
  phone: string
}

/** A made-up buyer per country, so that the demo's checkout is one click. */
export const DEMO_BUYERS: Record<Country, Buyer> = {
  fr: {
    email: "camille.durand@example.com",
    first_name: "Camille",
    last_name: "Durand",
    address_1: "12 rue de Rivoli",
    postal_code: "75001",
    city: "Paris",
    phone: "06 12 34 56 78",
  },
  de: {
    email: "lena.schmidt@example.com",
    first_name: "Lena",
    last_name: "Schmidt",
    address_1: "Unter den Linden 1",
    postal_code: "10117",
    city: "Berlin",
    phone: "0151 23456789",
  },
}

/** Email, addresses (billing = shipping) and the first shipping option: ready for payment. */
export async function prepareCheckout(cart: Cart, country: Country, buyer: Buyer): Promise<Cart> {
  const { email, ...address } = buyer
  const fullAddress = { ...address, country_code: country }
  await store(`/store/carts/${cart.id}`, {
    method: "POST",
    body: { email, shipping_address: fullAddress, billing_address: fullAddress },
  })
  const { shipping_options } = await store<{ shipping_options: { id: string }[] }>(
    `/store/shipping-options?cart_id=${cart.id}`
  )
  if (!shipping_options[0]) throw new Error("No shipping option for this address")
  await store(`/store/carts/${cart.id}/shipping-methods`, {
    method: "POST",
    body: { option_id: shipping_options[0].id },
  })
  await revalidateCart(cart.id)
  return (await getCart(cart.id))!
}
