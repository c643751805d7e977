export const maintenanceRecurrences = ["none", "weekly"] as const;
export type MaintenanceRecurrence = (typeof maintenanceRecurrences)[number];
/** The longest a window (each weekly occurrence) may last. */
export const maxMaintenanceMinutes = 7 * 24 * 60;
/** A deploy's window: how long it lasts unless the deploy finishes first, and the most a caller may ask for. */
export const defaultDeployMaintenanceMinutes = 15;
export const maxDeployMaintenanceMinutes = 120;
