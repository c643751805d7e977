import { handlerOf } from "@/lib/api/http";
import { postmortemOperations } from "@/lib/api/operations/postmortems";
import { publicUrl } from "@/lib/env";
import { getPostmortemDetail } from "@/lib/postmortems/data";
import { postmortemMarkdown, postmortemMarkdownFilename } from "@/lib/postmortems/markdown";

/** The postmortem as a Markdown attachment: every section, the facts and the curated timeline. */
export const GET = handlerOf(postmortemOperations.getPostmortemMarkdown, async ({ params }) => {
  const detail = await getPostmortemDetail(params.id);
  return new Response(postmortemMarkdown(detail, { baseUrl: publicUrl() }), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${postmortemMarkdownFilename(detail)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
