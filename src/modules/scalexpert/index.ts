import { Module } from "@medusajs/framework/utils"
import ScalexpertModuleService from "./service"

export const SCALEXPERT_MODULE = "scalexpert"

export default Module(SCALEXPERT_MODULE, {
  service: ScalexpertModuleService,
})
