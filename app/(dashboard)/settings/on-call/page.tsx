import type { Metadata } from "next";
import { EscalationPolicies } from "@/components/settings/escalation-policy-form";
import { OnCallContacts } from "@/components/settings/on-call-contacts";
import { OnCallRotationForm } from "@/components/settings/on-call-rotation-form";
import { OnCallScheduleForm } from "@/components/settings/on-call-schedule-form";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import {
  getHandoffSchedule,
  getOnCallNow,
  getOnCallRotation,
  listEscalationContacts,
} from "@/lib/handoffs/data";
import { weekdayNames } from "@/lib/handoffs/labels";
import { listResponders } from "@/lib/incidents/data";
import { listPolicies } from "@/lib/paging/policies";

export const metadata: Metadata = { title: "On-call" };

/** Leads edit the rotation; the shift schedule and the escalation contacts stay with admins. */
export default async function OnCallSettingsPage() {
  const actor = await requirePageRole("lead", "/settings/on-call");
  const isAdmin = hasRole(actor.role, "admin");
  const [schedule, contacts, rotation, people, onCall, policies] = await Promise.all([
    getHandoffSchedule(),
    listEscalationContacts(),
    getOnCallRotation(),
    listResponders(),
    getOnCallNow(),
    listPolicies(),
  ]);
  return (
    <>
      <PageHeader
        title="On-call"
        description="When shifts change (a new handoff's window starts at the change nearest to now), who is on call when no handoff covers now, and who the on-call escalates to."
      />
      <div className="flex flex-col gap-4">
        <Panel
          title="On call now"
          description="The incoming on-call of the handoff covering now; with none, the rotation below."
        >
          <p className="text-sm" data-testid="on-call-now">
            <span className="font-medium">{onCall.person?.name ?? "Nobody"}</span>{" "}
            <span className="text-muted">({onCall.reason})</span>
          </p>
        </Panel>
        <Panel
          title="Rotation"
          description={`With no handoff covering now, shift n since the start belongs to person n (counting round). Version ${rotation.version}.`}
        >
          <OnCallRotationForm current={rotation} people={people} />
        </Panel>
        <Panel
          title="Escalation policies"
          description="Who a page reaches, level by level, until someone acknowledges it. Services follow the default unless their settings name another policy; warnings reach level 1 only."
        >
          <EscalationPolicies policies={policies} people={people} />
        </Panel>
        {isAdmin ? (
          <>
            <Panel
              title="Shift schedule"
              description={`All times UTC. Version ${schedule.version}.`}
            >
              <OnCallScheduleForm schedule={schedule} weekdays={weekdayNames} />
            </Panel>
            <Panel
              title="Escalation contacts"
              description="Picked in the handoff form; the first one is filled in by default. Pages reach a contact through the contact methods of the Vigil user linked to it."
            >
              <OnCallContacts contacts={contacts} people={people} />
            </Panel>
          </>
        ) : null}
      </div>
    </>
  );
}
