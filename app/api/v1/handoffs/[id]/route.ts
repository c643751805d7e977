import { apiRoute, jsonResponse } from "@/lib/api/http";
import { getHandoff } from "@/lib/handoffs/data";
import { renderHandoffMarkdown } from "@/lib/handoffs/render";

/** The handoff with its filled-in template (`handoff.text`) and the same as a Markdown document. */
export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => {
  const handoff = await getHandoff(params.id);
  return jsonResponse({ handoff, markdown: renderHandoffMarkdown(handoff) });
});
