import { useCallback, useEffect, useState, type ReactNode } from "react"
import { createRoot } from "react-dom/client"
import {
  readScalexpertReturn,
  ScalexpertBadge,
  ScalexpertOrderConfirmation,
} from "../../src/storefront"
// The kit's stylesheet, as a shop imports `medusa-payment-scalexpert/storefront/styles.css`.
import "../../src/storefront/styles.css"
import { Checkout } from "./checkout"
import { ProductPage } from "./product"
import { Link, useLocation } from "./router"
import { listProducts, priceOf } from "./catalog"
import { forgetCart } from "./shop-cart"
import { COUNTRIES, localeOf, money, scalexpert, type Country } from "./shop-config"
import type { Product } from "./store-api"

/**
 * The demo shop: a product list, product pages with the Scalexpert simulation and insurance
 * covers, a two-step checkout with the Scalexpert solution picker, and the return pages. Built on
 * the plugin's storefront kit (`src/storefront`), as a shop would build on
 * `medusa-payment-scalexpert/storefront`.
 */

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
