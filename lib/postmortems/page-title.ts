import { findPostmortemDetail } from "@/lib/postmortems/data";

/** The title of a postmortem's pages (the document and its print view), or null when there is no such postmortem. */
export async function postmortemPageTitle(id: string): Promise<string | null> {
  const detail = await findPostmortemDetail(id);
  return detail ? `INC-${detail.postmortem.incident.number} postmortem` : null;
}
