import { Module } from "@medusajs/framework/utils"
import ScalexpertInsuranceModuleService from "./service"

export const SCALEXPERT_INSURANCE_MODULE = "scalexpertInsurance"

export default Module(SCALEXPERT_INSURANCE_MODULE, {
  service: ScalexpertInsuranceModuleService,
})
