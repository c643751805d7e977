import { handlerOf, jsonResponse } from "@/lib/api/http";
import { handoffOperations } from "@/lib/api/operations/handoffs";
import { getHandoff } from "@/lib/handoffs/data";
import { renderHandoffMarkdown } from "@/lib/handoffs/render";

/** The handoff with its filled-in template (`handoff.text`) and the same as a Markdown document. */
export const GET = handlerOf(handoffOperations.getHandoff, async ({ params }) => {
  const handoff = await getHandoff(params.id);
  return jsonResponse({ handoff, markdown: renderHandoffMarkdown(handoff) });
});
