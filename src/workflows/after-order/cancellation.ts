/** After-order cancellations, one file per concern. */
export * from "./ledger"
export * from "./payment-records"
export * from "./order-canceled"
export * from "./outside-cancellations"
export * from "./admin-cancel"
