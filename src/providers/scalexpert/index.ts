import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import ScalexpertProviderService from "./service"

export default ModuleProvider(Modules.PAYMENT, {
  services: [ScalexpertProviderService],
})
