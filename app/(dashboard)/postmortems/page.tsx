import type { Metadata } from "next";
import Link from "next/link";
import {
  PostmortemFilters,
  PostmortemTabs,
  type PostmortemFilterValues,
} from "@/components/postmortems/postmortem-filters";
import { PostmortemList } from "@/components/postmortems/postmortem-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { listPostmortems } from "@/lib/postmortems/data";
import { postmortemStatusLabels } from "@/lib/postmortems/labels";
import { postmortemListFilterSchema } from "@/lib/postmortems/schema";

export const metadata: Metadata = { title: "Postmortems" };

type SearchParams = {
  status?: string | string[];
  overdue?: string | string[];
  incident?: string | string[];
};
const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function PostmortemsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requirePageRole("viewer", "/postmortems");
  const params = await searchParams;
  // A hand-edited URL with a value the filter does not know drops that part rather than showing an error page.
  const { shape } = postmortemListFilterSchema;
  const filter = {
    status: shape.status.safeParse(single(params.status)).data,
    overdue: shape.overdue.safeParse(single(params.overdue)).data,
    incidentId: shape.incidentId.safeParse(single(params.incident)).data,
  };
  const values: PostmortemFilterValues = {
    status: filter.status ?? "",
    overdue: filter.overdue ?? false,
  };
  const postmortems = await listPostmortems(filter);
  const filtered = values.status !== "" || values.overdue || filter.incidentId !== undefined;
  return (
    <>
      <PageHeader
        title="Postmortems"
        description="Blameless reviews of resolved incidents. Resolving a SEV1 starts its draft, due within five business days."
      />
      <PostmortemTabs current="postmortems" />
      <PostmortemFilters values={values} />
      {postmortems.length === 0 ? (
        filtered ? (
          <EmptyState title="No postmortems match">
            {values.overdue ? "Nothing is overdue" : "Nothing here"}
            {values.status
              ? ` with status ${postmortemStatusLabels[values.status].toLowerCase()}`
              : ""}
            .{" "}
            <Link href="/postmortems" className="text-accent underline underline-offset-2">
              Show every postmortem
            </Link>
            .
          </EmptyState>
        ) : (
          <EmptyState title="No postmortems yet">
            Resolve a SEV1 and its postmortem draft appears here; any incident can start one.
          </EmptyState>
        )
      ) : (
        <PostmortemList postmortems={postmortems} />
      )}
    </>
  );
}
