import { ActionItemsEditor, type ActionItemVocabulary } from "@/components/postmortems/action-item-table";
import type { PersonRef } from "@/lib/incidents/schema";
import { severityLabels } from "@/lib/incidents/schema";
import { actionItemStatuses, actionItemStatusLabels, openActionItemStatuses } from "@/lib/postmortems/labels";
import type { ActionItemView } from "@/lib/postmortems/types";

/** Built on the server and handed to the client components, which stay free of zod. */
export function actionItemVocabulary(): ActionItemVocabulary {
  return { statuses: actionItemStatuses, statusLabels: actionItemStatusLabels, openStatuses: openActionItemStatuses, severityLabels };
}

/**
 * The postmortem's follow-up action items: list, inline edit and add form. A server component on purpose: it
 * hands the words down so the document page's JavaScript does not carry the schema's zod.
 */
export function ActionItemsSection({ postmortemId, items, people, canWrite }: { postmortemId: string; items: ActionItemView[]; people: PersonRef[]; canWrite: boolean }) {
  return <ActionItemsEditor postmortemId={postmortemId} items={items} people={people} canWrite={canWrite} vocabulary={actionItemVocabulary()} />;
}
