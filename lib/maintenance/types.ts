import type { z } from "zod";
import type {
  changeMaintenanceSchema,
  createMaintenanceSchema,
  maintenanceListQuerySchema,
} from "@/lib/maintenance/schema";
import type { MaintenanceRecurrence } from "@/lib/maintenance/labels";

export type { MaintenanceRecurrence } from "@/lib/maintenance/labels";
export type CreateMaintenanceInput = z.input<typeof createMaintenanceSchema>;
export type ParsedMaintenanceInput = z.infer<typeof createMaintenanceSchema>;
export type ChangeMaintenanceInput = z.input<typeof changeMaintenanceSchema>;
export type MaintenanceListQuery = z.infer<typeof maintenanceListQuerySchema>;

export type MaintenanceState = "active" | "upcoming" | "ended";

export type MaintenanceWindowView = {
  id: string;
  number: number;
  reason: string;
  services: { id: string; name: string; environment: string }[];
  startsAt: string;
  endsAt: string;
  recurrence: MaintenanceRecurrence;
  deploy: { id: string; number: number } | null;
  createdBy: string;
  endedAt: string | null;
  endedBy: string | null;
  cancelledAt: string | null;
  version: number;
  createdAt: string;
  state: MaintenanceState;
  /** The occurrence in effect now. */
  current: { start: string; end: string } | null;
  /** The next occurrence that has not begun (weekly windows have one after the current). */
  next: { start: string; end: string } | null;
};

export type MaintenanceList = {
  active: MaintenanceWindowView[];
  upcoming: MaintenanceWindowView[];
  recent: MaintenanceWindowView[];
};
