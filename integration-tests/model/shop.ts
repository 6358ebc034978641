import type { AxiosInstance } from "axios"
import type { DemoStore } from "../../scripts/seed-demo"
import { cartReadyForPayment, SCALEXPERT, storeHeaders } from "../helpers/checkout"
import type { FileRef, JourneyIndex } from "./steps"

/** One shopper's cart, and every Scalexpert file made for it (in order). */
export type Journey = {
  country: "fr" | "de"
  cartId: string
  collectionId: string
  lineId: string
  quantity: number
  files: { sessionId: string; fileId: string }[]
}

/** What a request answered, without throwing: the model records it and goes on. */
export type Answer = {
  status: number
  data: Record<string, unknown>
  headers: Record<string, unknown>
}

const noThrow = { validateStatus: () => true, maxRedirects: 0 }

/**
 * The shoppers' side: carts, payment sessions, the lender's return. Each call answers what the
 * shop answered (status and body) rather than throwing, so that a refusal is part of the story.
 */
export function shopper(api: AxiosInstance, demo: DemoStore) {
  const store = { ...noThrow, headers: storeHeaders(demo).headers }
  const journeys = new Map<JourneyIndex, Journey>()

  const open = async (j: JourneyIndex): Promise<Journey> => {
    const existing = journeys.get(j)
    if (existing) return existing
    const country = j === 0 ? "fr" : "de"
    const { cart, paymentCollectionId } = await cartReadyForPayment(api, demo, {
      country,
      email: `shopper-${j}@example.com`,
    })
    const journey: Journey = {
      country,
      cartId: cart.id,
      collectionId: paymentCollectionId,
      lineId: cart.items[0].id,
      quantity: 1,
      files: [],
    }
    journeys.set(j, journey)
    return journey
  }

  const completed = async (journey: Journey) => {
    const { data } = await api.get(`/store/carts/${journey.cartId}?fields=id,completed_at`, store)
    return !!data.cart?.completed_at
  }

  return {
    journeys,
    journey: (j: JourneyIndex) => journeys.get(j),
    file: (j: JourneyIndex, ref: FileRef) => {
      const files = journeys.get(j)?.files ?? []
      return ref === "first" ? files[0] : files.at(-1)
    },
    completed,
    /** `initiatePaymentSession` with a Scalexpert solution (a second one replaces the first). */
    startFinancing: async (j: JourneyIndex, solution: string): Promise<Answer | "completed"> => {
      const journey = await open(j)
      if (await completed(journey)) return "completed"
      const answer = await api.post(
        `/store/payment-collections/${journey.collectionId}/payment-sessions`,
        { provider_id: SCALEXPERT, data: { solution_code: solution } },
        store
      )
      const session = (
        answer.data.payment_collection?.payment_sessions as
          { id: string; provider_id: string; data: Record<string, unknown> }[] | undefined
      )?.find((s) => s.provider_id === SCALEXPERT)
      if (answer.status < 300 && session?.data.subscription_id) {
        journey.files.push({ sessionId: session.id, fileId: String(session.data.subscription_id) })
      }
      return answer
    },
    /** A new quantity: the cart total changes and Medusa deletes the payment session. */
    editCart: async (journey: Journey): Promise<Answer> => {
      journey.quantity = journey.quantity === 1 ? 2 : 1
      return api.post(
        `/store/carts/${journey.cartId}/line-items/${journey.lineId}`,
        { quantity: journey.quantity },
        store
      )
    },
    /** Medusa's system provider instead of Scalexpert, then the cart completed. */
    payOtherwise: async (journey: Journey): Promise<Answer> => {
      const session = await api.post(
        `/store/payment-collections/${journey.collectionId}/payment-sessions`,
        { provider_id: "pp_system_default" },
        store
      )
      if (session.status >= 300) return session
      return api.post(`/store/carts/${journey.cartId}/complete`, {}, store)
    },
    /** The lender's return: the form POST carrying the file id, or the abandon link's GET. */
    returnFromLender: (file: { sessionId: string; fileId: string }, form: boolean) =>
      form
        ? api.post(
            `/scalexpert/return/${file.sessionId}`,
            new URLSearchParams({ id: file.fileId }).toString(),
            { ...noThrow, headers: { "content-type": "application/x-www-form-urlencoded" } }
          )
        : api.get(`/scalexpert/return/${file.sessionId}`, noThrow),
  }
}

export type Shopper = ReturnType<typeof shopper>
