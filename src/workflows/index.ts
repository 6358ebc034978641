export * from "./sync-scalexpert-file"
export * from "./reconcile-scalexpert-files"
export * from "./after-order"
