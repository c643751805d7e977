"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { createFlushScheduler } from "@/components/live/event-stream";

/**
 * Server-rendered page views (the list, one page) re-render when a page changes; the shell's PageAlerts
 * forwards the stream's page events as `vigil:page-change` (detail null after a reconnect: anything may have changed).
 */
export function RefreshOnPageChange({ pageId }: { pageId?: string }) {
  const router = useRouter();
  useEffect(() => {
    const refresh = createFlushScheduler(() => router.refresh(), 1_000);
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<{ pageId: string } | null>).detail;
      if (!pageId || !detail || detail.pageId === pageId) refresh.schedule();
    };
    document.addEventListener("vigil:page-change", listener);
    return () => {
      document.removeEventListener("vigil:page-change", listener);
      refresh.cancel();
    };
  }, [pageId, router]);
  return null;
}
