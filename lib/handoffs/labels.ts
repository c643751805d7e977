export const handoffCadences = ["daily", "weekly"] as const;
export type HandoffCadence = (typeof handoffCadences)[number];
export const weekdayNames = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

export const handoffNotificationEvent = "handoff.created";
