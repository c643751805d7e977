import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyRetention } from "@/lib/health/retention";

describe("retention of webhook deliveries", () => {
  it("removes settled deliveries older than 90 days and keeps pending and recent ones", async () => {
    const old = new Date(Date.now() - 91 * 86_400_000);
    const destination = `webhook:retention-${randomUUID()}`;
    const row = (status: "pending" | "delivered" | "failed", createdAt: Date) => ({
      destination,
      eventKey: `${status}-${createdAt.getTime()}-${randomUUID()}`,
      event: "incident.declared",
      payload: {},
      status,
      createdAt,
    });
    await db.outboxDelivery.createMany({
      data: [
        row("delivered", old),
        row("failed", old),
        row("pending", old),
        row("delivered", new Date()),
      ],
    });
    const removed = await applyRetention();
    expect(removed.settledDeliveries).toBeGreaterThanOrEqual(2);
    const left = await db.outboxDelivery.findMany({
      where: { destination },
      select: { status: true, createdAt: true },
    });
    expect(left.map((delivery) => delivery.status).sort()).toEqual(["delivered", "pending"]);
    expect(
      left.find((delivery) => delivery.status === "delivered")?.createdAt.getTime(),
    ).toBeGreaterThan(old.getTime());
  });
});
