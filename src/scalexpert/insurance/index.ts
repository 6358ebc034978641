/** Scalexpert insurance API 1.7.1: schemas, endpoints, options. Knows nothing of Medusa. */
export * from "./schemas"
export * from "./client"
export * from "./options"
export * from "./transport"
export * from "./mapping"
