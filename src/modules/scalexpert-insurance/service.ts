import { MedusaService } from "@medusajs/framework/utils"
import { ScalexpertInsuranceItem } from "./models/scalexpert-insurance-item"
import { ScalexpertInsurancePolicy } from "./models/scalexpert-insurance-policy"

/**
 * Stores the insurance policies sold with orders and what the insurer says of them, and the items
 * registered with the insurer (shared by every instance of the shop).
 */
class ScalexpertInsuranceModuleService extends MedusaService({
  ScalexpertInsurancePolicy,
  ScalexpertInsuranceItem,
}) {}

export default ScalexpertInsuranceModuleService
