"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ackPage, declareIncidentFromPage } from "@/lib/paging/data";
import { guardedAction, guardedCall } from "@/lib/server-action";

function pageIdFrom(input: Record<string, unknown>): string {
  return typeof input.pageId === "string" ? input.pageId : "";
}

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

/** Stays a FormData action under useActionState: it ends in a redirect to the incident, which a form transition follows. */
export const declareIncidentFromPageAction = guardedAction(
  "responder",
  async (input, actor): Promise<{ incidentId: string }> => {
    const pageId = pageIdFrom(input);
    const { incident, page } = await declareIncidentFromPage(actor, pageId, {
      severity: input.severity,
    });
    revalidatePagePaths(page.id);
    revalidatePath("/incidents");
    // Straight to the incident: the button that asked is gone once the page re-renders with its link.
    redirect(`/incidents/${incident.id}`);
  },
);
