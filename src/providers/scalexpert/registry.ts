import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ScalexpertGateway } from "./gateway"

type ProviderEntry = { resolve?: unknown; id?: string; options?: Record<string, unknown> }
type ModuleEntry = { options?: { providers?: ProviderEntry[] } }

const gateways = new WeakMap<object, ScalexpertGateway>()

/** The Scalexpert entry of the payment module's providers in medusa-config.ts. */
function findProviderEntry(container: MedusaContainer): ProviderEntry | undefined {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const modules = Object.values((config.modules ?? {}) as Record<string, ModuleEntry | boolean>)
  for (const entry of modules) {
    if (typeof entry !== "object" || !entry) continue
    const provider = entry.options?.providers?.find(
      (p) => typeof p.resolve === "string" && /providers\/scalexpert\/?$/.test(p.resolve)
    )
    if (provider) return provider
  }
  return undefined
}

const findProviderOptions = (container: MedusaContainer) => {
  const entry = findProviderEntry(container)
  return entry && (entry.options ?? (entry.options = {}))
}

/**
 * Medusa's id of the Scalexpert provider (`pp_{identifier}_{id}`), from its registration: a shop
 * may register it under another id than `scalexpert`.
 */
export function scalexpertProviderId(container: MedusaContainer): string {
  return `pp_scalexpert_${findProviderEntry(container)?.id ?? "scalexpert"}`
}

/**
 * Scalexpert for the plugin's routes, jobs, subscribers and workflows. Medusa hands payment
 * providers to the payment module alone, so this is built from the same provider options (they
 * are given once, in the payment module's `providers` entry); its client shares the provider's
 * access tokens and request budget, which are kept per credential.
 */
export function getScalexpert(container: MedusaContainer): ScalexpertGateway {
  const options = findProviderOptions(container)
  if (!options) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      "The Scalexpert payment provider is not registered: add medusa-payment-scalexpert/providers/scalexpert to the payment module's providers in medusa-config.ts"
    )
  }
  let gateway = gateways.get(options)
  if (!gateway) {
    gateway = new ScalexpertGateway(
      options,
      container.resolve<Logger>(ContainerRegistrationKeys.LOGGER),
      container
    )
    gateways.set(options, gateway)
  }
  return gateway
}
