import {
  validateAndTransformBody,
  validateAndTransformQuery,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import {
  AdminScalexpertCancelBody,
  AdminScalexpertConfirmDeliveryBody,
  AdminScalexpertOrderQuery,
  AdminScalexpertRefreshBody,
} from "./validators"
import {
  AdminScalexpertConnectionCheckBody,
  AdminScalexpertSettingsQuery,
  AdminScalexpertSolutionsQuery,
  AdminScalexpertWebhookQuery,
  AdminScalexpertWebhookRegisterBody,
  AdminScalexpertWebhookTestBody,
} from "./settings/validators"

/**
 * Validation of the admin routes (`/admin/scalexpert/*`). Medusa authenticates every `/admin`
 * route (401 without an admin session, token or secret API key).
 */
export const adminMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/scalexpert/orders/:order_id",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminScalexpertOrderQuery, {})],
  },
  {
    matcher: "/admin/scalexpert/orders/:order_id/refresh",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminScalexpertRefreshBody)],
  },
  {
    matcher: "/admin/scalexpert/orders/:order_id/confirm-delivery",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminScalexpertConfirmDeliveryBody)],
  },
  {
    matcher: "/admin/scalexpert/orders/:order_id/cancel",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminScalexpertCancelBody)],
  },
  {
    matcher: "/admin/scalexpert/settings",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminScalexpertSettingsQuery, {})],
  },
  {
    matcher: "/admin/scalexpert/settings/connection-check",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminScalexpertConnectionCheckBody)],
  },
  {
    matcher: "/admin/scalexpert/settings/solutions",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminScalexpertSolutionsQuery, {})],
  },
  {
    matcher: "/admin/scalexpert/settings/webhook",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(AdminScalexpertWebhookQuery, {})],
  },
  {
    matcher: "/admin/scalexpert/settings/webhook/register",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminScalexpertWebhookRegisterBody)],
  },
  {
    matcher: "/admin/scalexpert/settings/webhook/test",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminScalexpertWebhookTestBody)],
  },
]
