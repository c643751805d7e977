import { describe, expect, it } from "vitest";
import { createDeploySchema } from "@/lib/deploys/schema";
import { createHandoffSchema, updateOnCallRotationSchema } from "@/lib/handoffs/schema";
import { incidentListFilterSchema, timelineEntryInputSchema } from "@/lib/incidents/schema";
import { createMaintenanceSchema } from "@/lib/maintenance/schema";

// Vitest runs in Asia/Kathmandu: a field that read a zone-less time in the machine's zone would give 04:15 UTC here.
describe("times sent without a zone through the API and the CLI", () => {
  const zoneless = "2026-12-08T10:00";
  const utc = "2026-12-08T10:00:00.000Z";

  it("are UTC in every input that takes a time", () => {
    const fields = [
      createDeploySchema.shape.startedAt,
      createHandoffSchema.shape.windowStart,
      createHandoffSchema.shape.windowEnd,
      updateOnCallRotationSchema.shape.rotationStartsAt,
      incidentListFilterSchema.shape.from,
      incidentListFilterSchema.shape.to,
      timelineEntryInputSchema.shape.occurredAt,
      createMaintenanceSchema.shape.startsAt,
      createMaintenanceSchema.shape.endsAt,
    ];
    for (const field of fields) expect((field.parse(zoneless) as Date).toISOString()).toBe(utc);
  });
});
