import { defineMiddlewares } from "@medusajs/framework/http"
import { prepareScalexpertSession } from "./middlewares/prepare-scalexpert-session"

export default defineMiddlewares({
  routes: [
    {
      matcher: "/store/payment-collections/:id/payment-sessions",
      method: ["POST"],
      middlewares: [prepareScalexpertSession],
    },
  ],
})
