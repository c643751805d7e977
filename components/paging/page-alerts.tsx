"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useEffect } from "react";
import { createFlushScheduler, useEventStream } from "@/components/live/event-stream";
import { pagingKeys } from "@/lib/paging/query-keys";

const streamEvents = ["page"] as const;

type PageEvent = { pageId: string; what: string; title: string; userIds: string[] };

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
      userIds: Array.isArray(userIds) ? userIds.filter((id): id is string => typeof id === "string") : [],
    };
  } catch {
    return null;
  }
}

let audioContext: AudioContext | null = null;

/** Two short rising tones, made on the spot: no sound file to load or cache. */
export function playPageSound(): void {
  if (typeof window === "undefined" || typeof window.AudioContext === "undefined") return;
  try {
    audioContext ??= new window.AudioContext();
    const context = audioContext;
    void context.resume().catch(() => {});
    const start = context.currentTime + 0.02;
    [880, 1320].forEach((frequency, index) => {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      const at = start + index * 0.22;
      oscillator.type = "sine";
      oscillator.frequency.setValueAtTime(frequency, at);
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.21);
    });
  } catch {
    // A browser that refuses audio before any click: the desktop notification still shows.
  }
}

function showDesktopNotification(event: PageEvent, open: (path: string) => void): void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  const notification = new Notification(event.what === "escalated" ? `Escalated: ${event.title}` : `Paging you: ${event.title}`, {
    body: "Open Vigil to acknowledge.",
    tag: `vigil-page-${event.pageId}`,
    requireInteraction: true,
  });
  notification.onclick = () => {
    window.focus();
    open(`/pages/${event.pageId}`);
    notification.close();
  };
}

/**
 * Mounted once in the dashboard shell: every page event refreshes the paging queries (banner, lists), and one
 * that just notified the signed-in person plays a sound and shows a desktop notification linking to the page.
 */
export function PageAlerts({ userId }: { userId: string }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const refresh = useMemo(() => createFlushScheduler(() => void queryClient.invalidateQueries({ queryKey: pagingKeys.all }), 500), [queryClient]);
  useEffect(() => refresh.cancel, [refresh]);

  useEventStream(streamEvents, {
    onEvent: (_name, data) => {
      refresh.schedule();
      const event = parsePageEvent(data);
      if (event) document.dispatchEvent(new CustomEvent("vigil:page-change", { detail: event }));
      if (!event || (event.what !== "opened" && event.what !== "escalated") || !event.userIds.includes(userId)) return;
      playPageSound();
      showDesktopNotification(event, (path) => router.push(path));
      document.dispatchEvent(new CustomEvent("vigil:page-alert", { detail: event }));
    },
    onResync: () => {
      refresh.schedule();
      document.dispatchEvent(new CustomEvent("vigil:page-change", { detail: null }));
    },
  });
  return null;
}
