import Form from "next/form";
import Link from "next/link";
import { HandoffAckState } from "@/components/handoffs/handoff-ack-state";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Table, TableHead, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { HandoffView } from "@/lib/handoffs/types";

function olderHref(q: string, before: number): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  params.set("before", String(before));
  return `/handoffs?${params.toString()}#history`;
}

/** Past handoffs, newest window first, searchable through ?q= and paged with an "Older" link. */
export function HandoffHistory({
  handoffs,
  q,
  nextBefore,
  paged,
}: {
  handoffs: HandoffView[];
  q: string;
  nextBefore: number | null;
  paged: boolean;
}) {
  return (
    <section id="history" className="flex flex-col gap-3" aria-labelledby="handoff-history-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="handoff-history-heading" className="text-base font-semibold">
          History
        </h2>
        <Form
          key={q}
          action="/handoffs"
          role="search"
          aria-label="Search handoffs"
          className="flex items-center gap-2"
          data-testid="handoff-search"
        >
          <label htmlFor="handoff-search-q" className="sr-only">
            Search handoffs
          </label>
          <Input
            id="handoff-search-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={200}
            placeholder="Names, risks, notes, text…"
            className="w-64"
            data-testid="handoff-search-q"
          />
          <Button type="submit">Search</Button>
          {q ? (
            <Link href="/handoffs#history" className={buttonClasses("ghost")}>
              Clear
            </Link>
          ) : null}
        </Form>
      </div>
      {handoffs.length === 0 ? (
        <EmptyState
          title={q ? "No handoffs match" : paged ? "No older handoffs" : "No handoffs yet"}
        >
          {q
            ? `Nothing mentions “${q}”.`
            : paged
              ? "This is the end of the history."
              : "Handoffs created here are kept, searchable, for the next shift."}
        </EmptyState>
      ) : (
        <Table data-testid="handoff-history">
          <TableHead columns={["Handoff", "Window (UTC)", "Outgoing → incoming", "Acknowledged"]} />
          <tbody>
            {handoffs.map((handoff) => (
              <tr
                key={handoff.id}
                data-testid="handoff-history-row"
                data-number={handoff.number}
                data-overdue={handoff.overdue}
              >
                <Td>
                  <Link
                    href={`/handoffs/${handoff.id}`}
                    className="font-medium text-accent underline underline-offset-2"
                  >
                    HO-{handoff.number}
                  </Link>
                </Td>
                <Td className="text-xs">
                  <Time iso={handoff.windowStart} /> – <Time iso={handoff.windowEnd} />
                </Td>
                <Td>
                  {handoff.outgoing.name} → {handoff.incoming.name}
                </Td>
                <Td>
                  <HandoffAckState handoff={handoff} compact />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {nextBefore !== null ? (
        <div>
          <Link
            href={olderHref(q, nextBefore)}
            className={buttonClasses("secondary", "sm")}
            data-testid="handoff-history-older"
          >
            Older
          </Link>
        </div>
      ) : null}
    </section>
  );
}
