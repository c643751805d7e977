import type { Metadata } from "next";
import { OnCallContacts } from "@/components/settings/on-call-contacts";
import { OnCallScheduleForm } from "@/components/settings/on-call-schedule-form";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { getHandoffSchedule, listEscalationContacts } from "@/lib/handoffs/data";
import { weekdayNames } from "@/lib/handoffs/schema";

export const metadata: Metadata = { title: "On-call" };

export default async function OnCallSettingsPage() {
  await requirePageRole("admin", "/settings/on-call");
  const [schedule, contacts] = await Promise.all([getHandoffSchedule(), listEscalationContacts()]);
  return (
    <>
      <PageHeader
        title="On-call"
        description="When shifts change (a new handoff's window starts at the change nearest to now) and who the on-call escalates to."
      />
      <div className="flex flex-col gap-4">
        <Panel title="Shift schedule" description={`All times UTC. Version ${schedule.version}.`}>
          <OnCallScheduleForm schedule={schedule} weekdays={weekdayNames} />
        </Panel>
        <Panel title="Escalation contacts" description="Picked in the handoff form; the first one is filled in by default.">
          <OnCallContacts contacts={contacts} />
        </Panel>
      </div>
    </>
  );
}
