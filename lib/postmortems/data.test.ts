import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { declareIncident, updateIncident } from "@/lib/incidents/mutations";
import { listOverduePostmortems, listPostmortems } from "@/lib/postmortems/data";
import { makeUser } from "@/lib/testing/fixtures";

describe("overdue postmortems", () => {
  it("lists unpublished postmortems past their due date with the business-day wording, and not the others", async () => {
    const responder = await makeUser("responder", "pm");
    const resolveSev1 = async (title: string) => {
      const { incident } = await declareIncident(responder, { title, severity: "sev1" });
      return updateIncident(responder, incident.id, { version: incident.version, status: "resolved", rootCause: "a bad deploy" });
    };
    const late = await resolveSev1(`late ${randomUUID().slice(0, 6)}`);
    const onTime = await resolveSev1(`on time ${randomUUID().slice(0, 6)}`);
    const published = await resolveSev1(`published ${randomUUID().slice(0, 6)}`);
    const past = new Date(Date.now() - 10 * 86_400_000);
    await db.postmortem.update({ where: { incidentId: late.id }, data: { dueAt: past } });
    await db.postmortem.update({ where: { incidentId: published.id }, data: { dueAt: past, status: "published" } });

    const overdue = await listOverduePostmortems();
    const ids = overdue.map((item) => item.incident.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(onTime.id);
    expect(ids).not.toContain(published.id);
    const item = overdue.find((entry) => entry.incident.id === late.id);
    expect(item).toMatchObject({ overdue: true, required: true });
    expect(item?.dueIn).toMatch(/^overdue by \d+ business days?$/);

    const [fresh] = await listPostmortems({ incidentId: onTime.id });
    expect(fresh).toMatchObject({ overdue: false, dueIn: "due in 5 business days" });
  });
});
