/** The after-order workflows, one file per concern. */
export * from "./delivery-workflows"
export * from "./order-canceled-workflow"
export * from "./retry-workflow"
export * from "./admin-workflows"
