import { defineMiddlewares } from "@medusajs/framework/http"
import { adminMiddlewares } from "./admin/scalexpert/middlewares"
import { prepareScalexpertSession } from "./middlewares/prepare-scalexpert-session"
import { trackScalexpertSession } from "./scalexpert/track-session"
import { storefrontMiddlewares } from "./store/scalexpert/middlewares"

export default defineMiddlewares({
  routes: [
    {
      matcher: "/store/payment-collections/:id/payment-sessions",
      method: ["POST"],
      middlewares: [prepareScalexpertSession, trackScalexpertSession],
    },
    ...storefrontMiddlewares,
    ...adminMiddlewares,
  ],
})
