import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionItemsEditor } from "@/components/postmortems/action-item-table";
import { ExportButtons } from "@/components/postmortems/export-buttons";
import {
  PostmortemDocument,
  type PostmortemDocumentProps,
} from "@/components/postmortems/postmortem-document";
import { requirePageRole } from "@/lib/auth/guard";
import { detailPageMetadata } from "@/lib/auth/page-metadata";
import { hasRole } from "@/lib/auth/roles";
import { publicUrl } from "@/lib/env";
import { listResponders } from "@/lib/incidents/data";
import { findBlameHints } from "@/lib/postmortems/blame";
import { findPostmortemDetail } from "@/lib/postmortems/data";
import { postmortemPageTitle } from "@/lib/postmortems/page-title";
import { postmortemMarkdown, postmortemMarkdownFilename } from "@/lib/postmortems/markdown";
import { postmortemSections } from "@/lib/postmortems/labels";

export function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  return detailPageMetadata(params, "Postmortem", postmortemPageTitle);
}

export default async function PostmortemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageRole("viewer", `/postmortems/${id}`);
  const detail = await findPostmortemDetail(id);
  if (!detail) notFound();
  const canWrite = hasRole(actor.role, "responder");
  const people = canWrite ? await listResponders() : [];
  const postmortemId = detail.postmortem.id;
  const { content } = detail.postmortem;
  const blameHints = Object.fromEntries(
    postmortemSections.map((section) => [section, findBlameHints(content[section], { section })]),
  ) as PostmortemDocumentProps["blameHints"];
  return (
    <PostmortemDocument
      initialDetail={detail}
      actorId={actor.id}
      canWrite={canWrite}
      people={people}
      blameHints={blameHints}
      exportButtons={
        <ExportButtons
          markdown={postmortemMarkdown(detail, { baseUrl: publicUrl() })}
          filename={postmortemMarkdownFilename(detail)}
          printHref={`/postmortems/${postmortemId}/print`}
        />
      }
      actionItems={
        <ActionItemsEditor
          postmortemId={postmortemId}
          items={detail.actionItems}
          people={people}
          canWrite={canWrite}
        />
      }
    />
  );
}
