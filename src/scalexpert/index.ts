/**
 * The Scalexpert contract room: schemas, solution catalogue, client, errors, token cache, rate
 * limiter, webhook signatures and money helpers. Knows nothing of Medusa.
 */
export * from "./schemas"
export * from "./solutions"
export * from "./errors"
export * from "./token-cache"
export * from "./rate-limiter"
export * from "./shared-store"
export * from "./shared-budget"
export * from "./webhook-signature"
export * from "./client"
