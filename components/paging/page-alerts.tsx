"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useEffect } from "react";
import { createFlushScheduler, useEventStream } from "@/components/live/event-stream";
import type { PageEvent } from "@/components/paging/page-alert-signals";
import { pagingKeys } from "@/lib/paging/query-keys";

const streamEvents = ["page"] as const;

function parsePageEvent(data: string): PageEvent | null {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed !== "object" || parsed === null) return null;
    const { pageId, what, title, userIds } = parsed as Record<string, unknown>;
    if (typeof pageId !== "string" || typeof what !== "string") return null;
    return {
      pageId,
      what,
      title: typeof title === "string" ? title : "A page",
      userIds: Array.isArray(userIds)
        ? userIds.filter((id): id is string => typeof id === "string")
        : [],
    };
  } catch {
    return null;
  }
}

/**
 * Mounted once in the dashboard shell: every page event refreshes the paging queries (banner, lists), and one
 * that just notified the signed-in person plays a sound and shows a desktop notification linking to the page.
 */
export function PageAlerts({ userId }: { userId: string }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const refresh = useMemo(
    () =>
      createFlushScheduler(
        () => void queryClient.invalidateQueries({ queryKey: pagingKeys.all }),
        500,
      ),
    [queryClient],
  );
  useEffect(() => refresh.cancel, [refresh]);

  useEventStream(streamEvents, {
    onEvent: (_name, data) => {
      refresh.schedule();
      const event = parsePageEvent(data);
      if (event) document.dispatchEvent(new CustomEvent("vigil:page-change", { detail: event }));
      if (
        !event ||
        (event.what !== "opened" && event.what !== "escalated") ||
        !event.userIds.includes(userId)
      )
        return;
      // Loaded on the first alert: the shell is on every page, and most page views never sound one.
      void import("@/components/paging/page-alert-signals").then(
        ({ playPageSound, showDesktopNotification }) => {
          playPageSound();
          showDesktopNotification(event, (path) => router.push(path));
        },
      );
      document.dispatchEvent(new CustomEvent("vigil:page-alert", { detail: event }));
    },
    onResync: () => {
      refresh.schedule();
      document.dispatchEvent(new CustomEvent("vigil:page-change", { detail: null }));
    },
  });
  return null;
}
