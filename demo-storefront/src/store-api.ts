import { config } from "./shop-config"

/**
 * The demo shop's access to Medusa's standard store API and the shapes it answers with. A real
 * storefront would use `@medusajs/js-sdk`.
 */

export async function store<T>(
  path: string,
  init: { method?: string; body?: unknown } = {}
): Promise<T> {
  const response = await fetch(`${config.backendUrl}${path}`, {
    method: init.method ?? "GET",
    headers: {
      "x-publishable-api-key": config.publishableKey,
      ...(init.body ? { "content-type": "application/json" } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  const body = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status} on ${path}`)
  return body as T
}

export type Region = { id: string; name: string; countries: { iso_2: string }[] }

export type Product = {
  id: string
  title: string
  handle: string
  description: string | null
  variants: {
    id: string
    calculated_price?: {
      calculated_amount: number
      calculated_amount_with_tax?: number | null
      currency_code: string
    }
  }[]
}

export type LineItem = {
  id: string
  title: string
  quantity: number
  unit_price: number
  total: number
  variant_id: string | null
  metadata?: Record<string, unknown> | null
}

export type PaymentSession = {
  id: string
  provider_id: string
  status: string
  data?: { solution_code?: string; subscription_id?: string }
}

export type Cart = {
  id: string
  region_id: string
  email?: string | null
  total: number
  subtotal: number
  tax_total: number
  shipping_total: number
  currency_code: string
  items: LineItem[]
  shipping_address?: Record<string, unknown> | null
  shipping_methods?: { id: string }[]
  completed_at?: string | null
  payment_collection?: { payment_sessions?: PaymentSession[] } | null
}
