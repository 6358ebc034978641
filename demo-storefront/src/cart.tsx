import { useState } from "react"
import { ScalexpertBadge } from "../../src/storefront"
import { coverOf, removeCover } from "./insurance"
import { removeLine } from "./shop-cart"
import { money, scalexpert, type Country } from "./shop-config"
import type { Cart, LineItem } from "./store-api"

type Change = (cart: Cart | undefined) => void

/** The cart on the checkout page, with the Scalexpert badge for its total. */
export function CartSummary(props: { cart: Cart; country: Country; onChange?: Change }) {
  const { cart, country } = props
  return (
    <>
      <CartTable {...props} />
      <ScalexpertBadge client={scalexpert(country)} amount={cart.total} country={country} />
    </>
  )
}

function RemoveButton(props: {
  label: string
  testId: string
  remove: () => Promise<Cart | undefined>
  onChange: Change
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const click = async () => {
    setBusy(true)
    setError(undefined)
    try {
      props.onChange(await props.remove())
    } catch (e) {
      setError((e as Error).message)
      setBusy(false)
    }
  }
  return (
    <>
      <button
        type="button"
        className="link"
        aria-label={props.label}
        data-testid={props.testId}
        disabled={busy}
        onClick={click}
      >
        Remove
      </button>
      {error && <span className="error">{error}</span>}
    </>
  )
}

/** Each product, then the covers that insure it (an insurance line is tied to its item). */
function CartTable({
  cart,
  country,
  onChange,
}: {
  cart: Cart
  country: Country
  onChange?: Change
}) {
  const tied = (cover: LineItem) =>
    cart.items.some((item) => item.id === coverOf(cover)?.insured_line_item_id)
  const rows = cart.items.filter((item) => !coverOf(item) || !tied(item))
  return (
    <table className="cart" data-testid="cart-summary">
      <tbody>
        {rows.map((item) => (
          <CartRows key={item.id} cart={cart} item={item} country={country} onChange={onChange} />
        ))}
        <tr>
          <td>Shipping</td>
          <td>{money(cart.shipping_total, country)}</td>
        </tr>
        <tr className="total">
          <td>Total (incl. {money(cart.tax_total, country)} VAT)</td>
          <td data-testid="cart-total">{money(cart.total, country)}</td>
        </tr>
      </tbody>
    </table>
  )
}

function CartRows(props: { cart: Cart; item: LineItem; country: Country; onChange?: Change }) {
  const { cart, item, country, onChange } = props
  const covers = cart.items.filter((line) => coverOf(line)?.insured_line_item_id === item.id)
  return (
    <>
      <tr data-testid="cart-item" data-line={item.id}>
        <td>
          {item.quantity} × {item.title}
          {onChange && (
            <RemoveButton
              label={`Remove ${item.title}`}
              testId="remove-item"
              remove={() => removeLine(cart.id, item.id)}
              onChange={onChange}
            />
          )}
        </td>
        <td>{money(item.total, country)}</td>
      </tr>
      {covers.map((cover) => (
        <tr
          key={cover.id}
          className="cover"
          data-testid="cart-insurance"
          data-line={cover.id}
          data-insured-line={item.id}
          data-unit-price={cover.unit_price}
        >
          <td>
            ↳ {cover.quantity} × {cover.title} <small>(insures {item.title})</small>
            {onChange && (
              <RemoveButton
                label={`Remove the cover of ${item.title}`}
                testId="remove-insurance"
                remove={() => removeCover(cart.id, cover.id)}
                onChange={onChange}
              />
            )}
          </td>
          <td>{money(cover.total, country)}</td>
        </tr>
      ))}
    </>
  )
}
