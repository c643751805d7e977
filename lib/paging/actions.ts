"use server";

import { revalidatePath } from "next/cache";
import { ackPage, declareIncidentFromPage } from "@/lib/paging/data";
import type { DeclareFromPageInput } from "@/lib/paging/types";
import { guardedCall } from "@/lib/server-action";

function revalidatePagePaths(pageId: string): void {
  revalidatePath("/");
  revalidatePath("/pages");
  revalidatePath(`/pages/${pageId}`);
}

/** `via: link` from the page a message links to, `web` from the overview and the list. */
export const acknowledgePageAction = guardedCall(
  "responder",
  async (actor, pageId: string, via: "web" | "link") => {
    const { page, changed } = await ackPage(actor, pageId, {
      via: via === "link" ? "link" : "web",
    });
    revalidatePagePaths(page.id);
    return {
      changed,
      acknowledgedAt: page.acknowledgedAt,
      acknowledgedBy: page.acknowledgedBy?.name ?? null,
    };
  },
);

/** Declares the incident (or finds the one already declared); the button then opens it. */
export const declareIncidentFromPageAction = guardedCall(
  "responder",
  async (actor, pageId: string, input: DeclareFromPageInput = {}) => {
    const { incident, page } = await declareIncidentFromPage(actor, pageId, input);
    revalidatePagePaths(page.id);
    revalidatePath("/incidents");
    return { incidentId: incident.id };
  },
);
