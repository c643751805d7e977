import type { ProbeProfile } from "@/lib/health/labels";
import { createService } from "@/lib/services/mutations";

/** A service of one test's own at a public address, which the outbound policy lets through. */
export function makePublicService(name: string, profile: ProbeProfile = "http") {
  return createService(
    { id: null, label: "vitest" },
    { name, baseUrl: "http://93.184.216.34", profile, environment: "test" },
  );
}
