import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Board" };

export default async function BoardPage() {
  await requirePageRole("viewer", "/board");
  return (
    <>
      <PageHeader title="Board" description="The team's HoloMesh board." />
      <EmptyState title="The board is not connected yet">
        This page will show the HoloMesh board mode and objective sync, which the team lead uses to change the mode and sync objectives. It arrives with the board work.
      </EmptyState>
    </>
  );
}
