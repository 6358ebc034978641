import { MedusaService } from "@medusajs/framework/utils"
import { ScalexpertInsurancePolicy } from "./models/scalexpert-insurance-policy"

/** Stores the insurance policies sold with orders and what the insurer says of them. */
class ScalexpertInsuranceModuleService extends MedusaService({ ScalexpertInsurancePolicy }) {}

export default ScalexpertInsuranceModuleService
