import type {
  sampleProbeSchema,
  serviceInputSchema,
  serviceLinksSchema,
} from "@/lib/services/schema";
import type { z } from "zod";

export type ServiceLinks = z.infer<typeof serviceLinksSchema>;
export type SampleProbe = z.infer<typeof sampleProbeSchema>;
export type ServiceInput = z.input<typeof serviceInputSchema>;
export type ServiceConfig = z.output<typeof serviceInputSchema>;
/** What the service form sends: the schema checks the profile the select offered. */
export type ServiceFormInput = Omit<ServiceInput, "profile"> & { profile: string };
/** An edit carries the version the form was opened at: a stale save is a conflict. */
export type ServiceUpdateInput = Partial<ServiceFormInput> & { version: unknown };
export type ServiceEnabledInput = { version: number; enabled: boolean };
export type ServiceConfigView = ServiceConfig & {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};
