import { useEffect, useState } from "react"
import {
  readScalexpertReturn,
  ScalexpertFailureNotice,
  ScalexpertSolutionPicker,
} from "../../src/storefront"
import { CartSummary } from "./cart"
import { Link, navigate } from "./router"
import { DEMO_BUYERS, prepareCheckout, type Buyer } from "./checkout-details"
import { getCart } from "./shop-cart"
import { COUNTRIES, localeOf, scalexpert, type Country } from "./shop-config"
import type { Cart } from "./store-api"

/** The two-step checkout: contact and address, then the Scalexpert solution picker. */
function AddressForm({
  country,
  onDone,
  cart,
}: {
  country: Country
  cart: Cart
  onDone: (cart: Cart) => void
}) {
  const [buyer, setBuyer] = useState<Buyer>(DEMO_BUYERS[country])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const field = (name: keyof Buyer, label: string) => (
    <label>
      {label}
      <input
        name={name}
        value={buyer[name]}
        onChange={(e) => setBuyer({ ...buyer, [name]: e.target.value })}
      />
    </label>
  )
  const submit = async () => {
    setBusy(true)
    setError(undefined)
    try {
      onDone(await prepareCheckout(cart, country, buyer))
    } catch (e) {
      setError((e as Error).message)
      setBusy(false)
    }
  }
  return (
    <form
      className="address"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h2>1. Contact and address ({COUNTRIES[country].label})</h2>
      <p className="hint">Prefilled with a made-up buyer: the lender's journey is the sandbox.</p>
      {field("email", "Email")}
      {field("first_name", "First name")}
      {field("last_name", "Last name")}
      {field("address_1", "Address")}
      {field("postal_code", "Postal code")}
      {field("city", "City")}
      {field("phone", "Mobile phone")}
      <button type="submit" disabled={busy} data-testid="checkout-continue">
        Continue to payment
      </button>
      {error && <p className="error">{error}</p>}
    </form>
  )
}

export function Checkout({ country, search }: { country: Country; search: string }) {
  const [cart, setCart] = useState<Cart | null>()
  const params = new URLSearchParams(search)
  const back = readScalexpertReturn(search)
  const step = params.get("step") === "payment" ? "payment" : "address"
  useEffect(() => {
    getCart().then((c) => setCart(c ?? null))
  }, [search])
  if (cart === undefined) return <p>Loading...</p>
  if (cart === null || cart.items.length === 0) {
    return (
      <p data-testid="empty-cart">
        Your cart is empty. <Link to="/">Continue shopping</Link>
      </p>
    )
  }
  const ready = !!cart.email && (cart.shipping_methods?.length ?? 0) > 0
  return (
    <div className="checkout">
      <h1>Checkout</h1>
      {back?.outcome === "failure" && (
        <ScalexpertFailureNotice reason={back.reason} locale={localeOf(country)} />
      )}
      <CartSummary cart={cart} country={country} onChange={(c) => setCart(c ?? null)} />
      {step === "address" || !ready ? (
        <AddressForm
          country={country}
          cart={cart}
          onDone={(updated) => {
            setCart(updated)
            navigate("/checkout?step=payment")
          }}
        />
      ) : (
        <section className="payment" data-testid="payment-step">
          <h2>2. Payment</h2>
          <p>
            <Link to="/checkout">Change the address</Link>
          </p>
          {/* Asked again when the cart changes (a cover removed). */}
          <ScalexpertSolutionPicker
            key={cart.total}
            client={scalexpert(country)}
            cartId={cart.id}
          />
        </section>
      )}
    </div>
  )
}
