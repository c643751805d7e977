import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { getIncident, listTickedSteps, listTimeline } from "@/lib/incidents/data";
import {
  appendTimelineEntry,
  declareIncident,
  postStatusUpdate,
  updateIncident,
} from "@/lib/incidents/mutations";
import { communicateStepKey, mitigationActions, runbookSteps } from "@/lib/incidents/runbook";
import { makeUser } from "@/test/fixtures";

let responder: Actor;

beforeAll(async () => {
  responder = await makeUser("responder", "runbook");
});

async function stepsOf(incidentId: string) {
  const [incident, ticked, page] = await Promise.all([
    getIncident(incidentId),
    listTickedSteps(incidentId),
    listTimeline(incidentId, { limit: 1 }),
  ]);
  // One entry only: the steps must follow from the ticked keys and the incident, not from a loaded page.
  return Object.fromEntries(
    runbookSteps(incident, ticked, page.entries).map((step) => [step.key, step]),
  );
}

describe("the runbook panel's steps from the incident's real state", () => {
  it("a tick, a status update, mitigation and resolve each move the runbook on", async () => {
    const { incident } = await declareIncident(responder, {
      title: `Runbook state ${randomUUID().slice(0, 6)}`,
      severity: "sev1",
    });
    let steps = await stepsOf(incident.id);
    expect([steps.mitigate?.done, steps.communicate?.done, steps.mitigate?.current]).toEqual([
      false,
      false,
      true,
    ]);

    const redeploy = mitigationActions[0];
    if (!redeploy) throw new Error("no mitigation actions");
    await appendTimelineEntry(responder, incident.id, {
      kind: "action",
      body: redeploy.logBody,
      stepKey: redeploy.stepKey,
      idempotencyKey: `runbook:${redeploy.stepKey}`,
    });
    await appendTimelineEntry(responder, incident.id, {
      body: "a later note pushes the tick off the first page",
    });
    steps = await stepsOf(incident.id);
    expect(
      steps.mitigate?.actions.find((action) => action.stepKey === redeploy.stepKey)?.ticked,
    ).toBe(true);
    expect(steps.mitigate?.done).toBe(false);

    await postStatusUpdate(responder, incident.id, {
      message: "MCP over HTTP answers 502",
      workaround: "use stdio MCP instead of HTTP",
    });
    await appendTimelineEntry(responder, incident.id, {
      body: "and another note after the update",
    });
    expect(await listTickedSteps(incident.id)).toContain(communicateStepKey);
    steps = await stepsOf(incident.id);
    expect(steps.communicate?.done).toBe(true);

    const current = await getIncident(incident.id);
    const mitigated = await updateIncident(responder, incident.id, {
      version: current.version,
      status: "mitigated",
    });
    expect((await stepsOf(incident.id)).mitigate?.done).toBe(true);
    await updateIncident(responder, incident.id, {
      version: mitigated.version,
      status: "resolved",
      rootCause: "A bad deploy ran out of memory.",
    });
    steps = await stepsOf(incident.id);
    expect(steps.resolve?.done).toBe(true);
    expect(steps.postmortem?.done).toBe(true);
    expect(steps.postmortem?.doneNote).toMatch(/^Draft started, due \d{4}-\d{2}-\d{2} 23:59 UTC$/);
  });
});
