import { useCallback, useEffect, useState, type MouseEvent, type ReactNode } from "react"
import { createRoot } from "react-dom/client"
import {
  formatAmount,
  readScalexpertReturn,
  ScalexpertBadge,
  ScalexpertFailureNotice,
  ScalexpertOrderConfirmation,
  ScalexpertSimulation,
  ScalexpertSolutionPicker,
} from "../../src/storefront"
// The kit's stylesheet, as a shop imports `medusa-payment-scalexpert/storefront/styles.css`.
import "../../src/storefront/styles.css"
import {
  addToCart,
  COUNTRIES,
  DEMO_BUYERS,
  forgetCart,
  getCart,
  getProduct,
  listProducts,
  localeOf,
  prepareCheckout,
  priceOf,
  scalexpert,
  type Buyer,
  type Cart,
  type Country,
  type Product,
} from "./store"

/**
 * The demo shop: a product list, product pages with the Scalexpert simulation, a two-step
 * checkout with the Scalexpert solution picker, and the return pages. Built on the plugin's
 * storefront kit (`src/storefront`), as a shop would build on `medusa-payment-scalexpert/storefront`.
 */

// ---- a tiny router ------------------------------------------------------------------------------

function useLocation() {
  const [location, setLocation] = useState(() => ({
    path: window.location.pathname,
    search: window.location.search,
  }))
  useEffect(() => {
    const update = () =>
      setLocation({ path: window.location.pathname, search: window.location.search })
    window.addEventListener("popstate", update)
    return () => window.removeEventListener("popstate", update)
  }, [])
  return location
}

function navigate(to: string) {
  window.history.pushState(null, "", to)
  window.dispatchEvent(new PopStateEvent("popstate"))
  window.scrollTo(0, 0)
}

function Link({ to, children, testId }: { to: string; children: ReactNode; testId?: string }) {
  const onClick = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    navigate(to)
  }
  return (
    <a href={to} onClick={onClick} data-testid={testId}>
      {children}
    </a>
  )
}

// ---- state kept across pages --------------------------------------------------------------------

const COUNTRY_KEY = "scalexpert-demo-country"
const storedCountry = (): Country => (localStorage.getItem(COUNTRY_KEY) === "de" ? "de" : "fr")

function useCountry(): [Country, (country: Country) => void] {
  const [country, setCountry] = useState<Country>(storedCountry)
  const change = useCallback((next: Country) => {
    localStorage.setItem(COUNTRY_KEY, next)
    setCountry(next)
  }, [])
  return [country, change]
}

const money = (amount: number, country: Country) => formatAmount(amount, localeOf(country))

// ---- pages --------------------------------------------------------------------------------------

function Home({ country }: { country: Country }) {
  const [products, setProducts] = useState<Product[]>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    listProducts(country).then(setProducts, (e: Error) => setError(e.message))
  }, [country])
  if (error) return <p className="error">{error}</p>
  if (!products) return <p>Loading...</p>
  return (
    <>
      <h1>Products</h1>
      <ul className="products">
        {products.map((product) => (
          <li key={product.id} data-testid="product-card">
            <Link to={`/products/${product.handle}`} testId={`product-${product.handle}`}>
              <span className="product-title">{product.title}</span>
              <span className="product-price">{money(priceOf(product), country)}</span>
            </Link>
            <ScalexpertBadge
              client={scalexpert(country)}
              amount={priceOf(product)}
              country={country}
              productId={product.id}
            />
          </li>
        ))}
      </ul>
    </>
  )
}

function ProductPage({ handle, country }: { handle: string; country: Country }) {
  const [product, setProduct] = useState<Product | null>()
  const [adding, setAdding] = useState(false)
  const [error, setError] = useState<string>()
  useEffect(() => {
    getProduct(country, handle).then(
      (p) => setProduct(p ?? null),
      (e: Error) => setError(e.message)
    )
  }, [country, handle])
  if (error) return <p className="error">{error}</p>
  if (product === undefined) return <p>Loading...</p>
  if (product === null) return <p>This product does not exist.</p>
  const price = priceOf(product)
  const add = async () => {
    setAdding(true)
    try {
      await addToCart(country, product.variants[0].id)
      navigate("/checkout")
    } catch (e) {
      setError((e as Error).message)
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
        <button type="button" data-testid="add-to-cart" disabled={adding} onClick={add}>
          Add to cart
        </button>
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

function CartSummary({ cart, country }: { cart: Cart; country: Country }) {
  return (
    <>
      <CartTable cart={cart} country={country} />
      <ScalexpertBadge client={scalexpert(country)} amount={cart.total} country={country} />
    </>
  )
}

function CartTable({ cart, country }: { cart: Cart; country: Country }) {
  return (
    <table className="cart" data-testid="cart-summary">
      <tbody>
        {cart.items.map((item) => (
          <tr key={item.id} data-testid="cart-item">
            <td>
              {item.quantity} × {item.title}
            </td>
            <td>{money(item.total, country)}</td>
          </tr>
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

function Checkout({ country, search }: { country: Country; search: string }) {
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
      <CartSummary cart={cart} country={country} />
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
          <ScalexpertSolutionPicker client={scalexpert(country)} cartId={cart.id} />
        </section>
      )}
    </div>
  )
}

function Success({ search, country }: { search: string; country: Country }) {
  const back = readScalexpertReturn(search)
  useEffect(() => {
    // The cart became an order: the next purchase starts a new cart.
    if (back?.outcome === "success") void forgetCart()
  }, [back?.outcome])
  if (back?.outcome !== "success") return <p>No order to show.</p>
  return (
    <div className="success" data-testid="success-page">
      <h1>Order confirmation</h1>
      <ScalexpertOrderConfirmation
        client={scalexpert(country)}
        orderId={back.orderId}
        locale={localeOf(country)}
      />
      <p>
        <Link to="/">Continue shopping</Link>
      </p>
    </div>
  )
}

// ---- layout -------------------------------------------------------------------------------------

function App() {
  const { path, search } = useLocation()
  const [country, setCountry] = useCountry()
  const product = /^\/products\/([^/]+)$/.exec(path)
  let page: ReactNode
  if (product) page = <ProductPage handle={decodeURIComponent(product[1])} country={country} />
  else if (path === "/checkout") page = <Checkout country={country} search={search} />
  else if (path === "/scalexpert/success") page = <Success search={search} country={country} />
  else page = <Home country={country} />
  return (
    <>
      <header>
        <Link to="/">Scalexpert demo shop</Link>
        <nav>
          <label>
            Ship to{" "}
            <select
              data-testid="country"
              value={country}
              onChange={(e) => setCountry(e.target.value as Country)}
            >
              {(Object.keys(COUNTRIES) as Country[]).map((c) => (
                <option key={c} value={c}>
                  {COUNTRIES[c].label}
                </option>
              ))}
            </select>
          </label>
          <Link to="/checkout" testId="cart-link">
            Cart
          </Link>
        </nav>
      </header>
      <main>{page}</main>
      <footer>
        Demo of medusa-payment-scalexpert. The lender is a local sandbox: nothing here is a real
        credit.
      </footer>
    </>
  )
}

createRoot(document.getElementById("root")!).render(<App />)
