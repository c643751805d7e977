import { handlerOf } from "@/lib/api/http";
import { healthOperations } from "@/lib/api/operations/health";
import { requireRequestRole } from "@/lib/auth/request-actor";
import { AppError } from "@/lib/errors";
import {
  subscribeHealthChanges,
  subscribeIncidentChanges,
  subscribePageChanges,
} from "@/lib/live/bus";

export const dynamic = "force-dynamic";

const pingMs = 20_000;
/** How soon a stream notices that its session or token ended (sign-out, disable, role or password change). */
const credentialRecheckMs = 3_000;

/**
 * Server-sent events for open dashboards. Each event only says what changed; clients refetch, so a
 * client that reconnects (it is told to, first thing) misses nothing.
 */
export const GET = handlerOf(healthOperations.streamChanges, async ({ request }) => {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let sequence = 0;
      const send = (event: string, data: unknown) => {
        try {
          controller.enqueue(
            encoder.encode(`id: ${++sequence}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
          );
        } catch {
          cleanup();
        }
      };
      controller.enqueue(encoder.encode("retry: 3000\n\n"));
      send("health", { serviceIds: [], all: true, at: new Date().toISOString() });
      // ?once=1 answers the first event and closes: for scripts that only check the stream works.
      if (new URL(request.url).searchParams.get("once") === "1") {
        controller.close();
        return;
      }
      const unsubscribeHealth = subscribeHealthChanges((change) => send("health", change));
      const unsubscribeIncidents = subscribeIncidentChanges((change) => send("incident", change));
      const unsubscribePages = subscribePageChanges((change) => send("page", change));
      const unsubscribe = () => {
        unsubscribeHealth();
        unsubscribeIncidents();
        unsubscribePages();
      };
      const ping = setInterval(() => send("ping", { at: new Date().toISOString() }), pingMs);
      const close = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      const recheck = setInterval(() => {
        requireRequestRole(request, healthOperations.streamChanges.role).catch((error: unknown) => {
          // A database hiccup is not a reason to drop a dashboard; only a credential that stopped counting is.
          if (
            !(error instanceof AppError) ||
            (error.code !== "unauthenticated" && error.code !== "forbidden")
          )
            return;
          send("session-ended", { reason: error.message });
          close();
        });
      }, credentialRecheckMs);
      cleanup = () => {
        clearInterval(ping);
        clearInterval(recheck);
        unsubscribe();
        cleanup = () => {};
      };
      request.signal.addEventListener("abort", close);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
