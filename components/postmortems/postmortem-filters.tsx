import Link from "next/link";
import { FilterForm } from "@/components/ui/filter-form";
import { Field } from "@/components/ui/field";
import { LabelledOptions, Select } from "@/components/ui/select";
import { postmortemStatuses, postmortemStatusLabels } from "@/lib/postmortems/labels";
import type { PostmortemStatus } from "@/lib/postmortems/types";

export type PostmortemFilterValues = { status: PostmortemStatus | ""; overdue: boolean };

/** Two views of the same work: the documents, and the follow-ups they promised. */
export function PostmortemTabs({ current }: { current: "postmortems" | "action-items" }) {
  const tab = (href: string, label: string, active: boolean) => (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`border-b-2 px-1 pb-1.5 text-sm font-medium ${active ? "border-accent text-text" : "border-transparent text-muted hover:text-text"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav
      aria-label="Postmortem views"
      className="mb-4 flex gap-4 border-b border-line"
      data-testid="postmortem-tabs"
    >
      {tab("/postmortems", "Postmortems", current === "postmortems")}
      {tab("/postmortems/action-items", "Action items", current === "action-items")}
    </nav>
  );
}

export function PostmortemFilters({ values }: { values: PostmortemFilterValues }) {
  const active = values.status !== "" || values.overdue;
  return (
    <FilterForm
      action="/postmortems"
      values={values}
      active={active}
      label="Filter postmortems"
      testId="postmortem-filters"
      className="mb-4"
    >
      <Field id="postmortem-filter-status" label="Status">
        <Select
          id="postmortem-filter-status"
          name="status"
          defaultValue={values.status}
          data-testid="postmortem-filter-status"
        >
          <option value="">Any</option>
          <LabelledOptions values={postmortemStatuses} labels={postmortemStatusLabels} />
        </Select>
      </Field>
      <label className="flex h-8 items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="overdue"
          value="1"
          defaultChecked={values.overdue}
          className="size-4 accent-[var(--accent)]"
          data-testid="postmortem-filter-overdue"
        />
        Overdue only
      </label>
    </FilterForm>
  );
}
