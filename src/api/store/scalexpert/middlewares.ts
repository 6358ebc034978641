import {
  validateAndTransformBody,
  validateAndTransformQuery,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import {
  StoreScalexpertEligibilityQuery,
  StoreScalexpertOrderQuery,
  StoreScalexpertSimulationsBody,
  StoreScalexpertSimulationsQuery,
} from "./validators"

/**
 * Validation of the storefront routes (`/store/scalexpert/*`). Medusa's store middlewares already
 * require the publishable API key on every `/store` route. Bad parameters are answered 400
 * `{type: "invalid_data", message}` before any call to Scalexpert.
 */
export const storefrontMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/scalexpert/eligibility",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreScalexpertEligibilityQuery, {})],
  },
  {
    matcher: "/store/scalexpert/simulations",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreScalexpertSimulationsQuery, {})],
  },
  {
    matcher: "/store/scalexpert/simulations",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreScalexpertSimulationsBody)],
  },
  {
    matcher: "/store/scalexpert/orders/:id",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreScalexpertOrderQuery, {})],
  },
]
