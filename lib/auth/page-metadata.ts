import type { Metadata } from "next";
import { currentActor } from "@/lib/auth/guard";

/**
 * A detail page's metadata: the title `titleOf` gives the record, or `fallback` when there is none. Metadata may
 * stream after the page started: it answers quietly instead of redirecting, and says nothing to strangers.
 */
export async function detailPageMetadata(
  params: Promise<{ id: string }>,
  fallback: string,
  titleOf: (id: string) => Promise<string | null>,
): Promise<Metadata> {
  const { id } = await params;
  if (!(await currentActor())) return { title: fallback };
  return { title: (await titleOf(id)) ?? fallback };
}
