export * from "./workflows"
export { retryScalexpertOperations, type RetryReport } from "./retry"
export { buildAdminView, type AdminScalexpertFile, type TimelineEntry } from "./view"
export type { TimelineTrigger } from "./load"
