import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import type { PostmortemDetail } from "@/lib/postmortems/types";
import { storageStateFor } from "./support";

test.describe("approving a postmortem", () => {
  test.use({ storageState: storageStateFor("responder") });

  test("the owner, assigned as a reviewer, sees Approve disabled with the reason, and the API refuses it", async ({
    page,
  }) => {
    const declared = await page.request.post("/api/v1/incidents", {
      data: { title: `Self-approval e2e ${Date.now()}`, severity: "sev2" },
      headers: { "Idempotency-Key": `e2e-self-approval-${randomUUID()}` },
    });
    expect(declared.status()).toBe(201);
    const { incident } = (await declared.json()) as { incident: { id: string } };
    const drafted = await page.request.put(`/api/v1/incidents/${incident.id}/postmortem`, {
      data: { content: { summary: "Written by its owner." } },
    });
    expect(drafted.status()).toBe(201);
    const draft = (await drafted.json()) as PostmortemDetail;
    const ownerId = draft.postmortem.owner?.id ?? "";
    const inReview = await page.request.post(
      `/api/v1/postmortems/${draft.postmortem.id}/reviewers`,
      { data: { version: draft.postmortem.version, reviewerIds: [ownerId] } },
    );
    expect(inReview.status()).toBe(200);
    const { postmortem } = (await inReview.json()) as PostmortemDetail;

    await page.goto(`/postmortems/${postmortem.id}`);
    const form = page.getByTestId("review-form");
    await expect(form.getByTestId("review-approve")).toBeDisabled();
    await expect(form.getByTestId("review-approve-refused")).toHaveText(
      "You own this postmortem, so you cannot approve it: another reviewer has to.",
    );
    await expect(form.getByTestId("review-request-changes")).toBeEnabled();

    const refused = await page.request.post(`/api/v1/postmortems/${postmortem.id}/review`, {
      data: { version: postmortem.version, decision: "approve" },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /You own this postmortem/,
    );
  });
});
