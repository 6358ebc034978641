export * from "./sync-scalexpert-file"
