import type { Metadata } from "next";
import { MaintenanceUptimeSetting } from "@/components/maintenance/maintenance-uptime-setting";
import { TeamCalendarForm } from "@/components/settings/team-calendar-form";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { getMaintenanceUptimeSetting } from "@/lib/maintenance/data";
import { getTeamCalendarView } from "@/lib/team/data";

export const metadata: Metadata = { title: "Team calendar" };

/** The zones this server can compute with: the same runtime validates the saved value. */
function knownTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export default async function TeamSettingsPage() {
  await requirePageRole("admin", "/settings/team");
  const [calendar, maintenance] = await Promise.all([
    getTeamCalendarView(),
    getMaintenanceUptimeSetting(),
  ]);
  return (
    <>
      <PageHeader
        title="Team calendar"
        description="A SEV1's postmortem is due five business days after it is resolved. Business days are counted in this time zone, skipping weekends and these holidays."
      />
      <Panel
        title="Time zone and holidays"
        description={
          calendar.updatedAt ? `Version ${calendar.version}.` : "Not set yet: UTC, no holidays."
        }
      >
        <TeamCalendarForm calendar={calendar} timeZones={knownTimeZones()} />
      </Panel>
      <Panel
        title="Maintenance windows"
        description="Checks keep running in a maintenance window and nothing pages or warns. On (the default), the checks taken then count toward neither uptime nor the error budget; the uptime bars still mark them."
        className="mt-3"
      >
        <MaintenanceUptimeSetting excluded={maintenance.excluded} version={maintenance.version} />
      </Panel>
    </>
  );
}
