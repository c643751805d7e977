import "server-only";
import { describeDatabaseError } from "@/lib/db-errors";
import { runWithDbDeadline } from "@/lib/db";
import { env } from "@/lib/env";
import { AdvisoryLeader } from "@/lib/jobs/leader";
import { Poller, type PollerOptions } from "@/lib/health/poller";
import { applyRetention } from "@/lib/health/retention";
import { ResultWriter } from "@/lib/health/writer";
import { pruneLoginThrottle } from "@/lib/auth/throttle";
import { OutboxDeliverer } from "@/lib/notifications/deliverer";
import { refreshBoard } from "@/lib/board/mutations";
import { sendPostmortemReminders } from "@/lib/postmortems/reminders";
import { Pager } from "@/lib/paging/engine";

export type Monitoring = {
  writer: ResultWriter;
  poller: Poller;
  deliverer: OutboxDeliverer;
  pager: Pager;
  isLeader(): boolean;
  /** Leading without the lock because the database cannot be reached (checks go on, results are buffered). */
  isProvisionalLeader(): boolean;
  stop(): Promise<void>;
};

const retentionEveryMs = 10 * 60_000;
// The HoloMesh board is polled (its live stream is per replica and unauthenticated): 30-60 s, leader only.
const boardRefreshEveryMs = 45_000;
const remindersEveryMs = 60_000;

type MonitoringOptions = {
  databaseUrl: string;
  log?: (message: string) => void;
  leaderRetryMs?: number;
  /** How long checks go on without the poller lock while the database cannot be reached. */
  maxProvisionalLeadMs?: number;
  poller?: Partial<PollerOptions>;
};

/**
 * The background side of health monitoring, for the app's server process or `npm run worker`: it
 * waits for the poller lock, then polls, and runs retention while it holds the lock. Its database
 * calls (batch writes, retention) keep the long background deadline even inside the web server.
 */
export function startMonitoring(options: MonitoringOptions): Monitoring {
  return runWithDbDeadline("background", () => startMonitoringInBackground(options));
}

function startMonitoringInBackground(options: MonitoringOptions): Monitoring {
  const log = options.log ?? ((message: string) => console.log(`[vigil] ${message}`));
  const writer = new ResultWriter({ log });
  const poller = new Poller({
    onOutcome: (outcome) => writer.add(outcome),
    log,
    ...options.poller,
  });
  let retentionTimer: NodeJS.Timeout | null = null;
  let boardTimer: NodeJS.Timeout | null = null;
  let remindersTimer: NodeJS.Timeout | null = null;
  let boardFailing = false;
  // Outgoing webhooks run on every instance, leader or not: leases on the outbox rows keep each send single.
  const deliverer = new OutboxDeliverer({ log });
  deliverer.start();
  // Pages too: the database's guards (one open page per service, conditional escalation) keep every step single.
  const pager = new Pager({ log });
  pager.start();

  const housekeeping = async () => {
    try {
      const deleted = await applyRetention();
      await pruneLoginThrottle();
      const total = Object.values(deleted).reduce((sum, count) => sum + count, 0);
      if (total > 0) log(`retention removed ${total} old rows`);
    } catch (error) {
      log(`retention skipped: ${describeDatabaseError(error)}`);
    }
  };

  // refreshBoard stores HoloMesh's errors for the panel; only the database failing it lands here, logged once.
  const refreshBoardQuietly = async () => {
    try {
      await refreshBoard();
      boardFailing = false;
    } catch (error) {
      if (!boardFailing) log(`board refresh skipped: ${describeDatabaseError(error)}`);
      boardFailing = true;
    }
  };

  const sendRemindersQuietly = async () => {
    try {
      const sent = await sendPostmortemReminders();
      if (sent.dueSoon + sent.overdue > 0)
        log(`postmortem reminders queued: ${sent.dueSoon} due soon, ${sent.overdue} overdue`);
    } catch (error) {
      log(`postmortem reminders skipped: ${describeDatabaseError(error)}`);
    }
  };

  const stopLeaderJobs = () => {
    if (retentionTimer) clearInterval(retentionTimer);
    if (boardTimer) clearInterval(boardTimer);
    if (remindersTimer) clearInterval(remindersTimer);
    retentionTimer = boardTimer = remindersTimer = null;
  };

  const leader = new AdvisoryLeader(
    options.databaseUrl,
    {
      onAcquired() {
        log("this instance runs the health checks (poller lock acquired)");
        void poller.start();
        void housekeeping();
        retentionTimer = setInterval(() => void housekeeping(), retentionEveryMs);
        boardTimer = setInterval(() => void refreshBoardQuietly(), boardRefreshEveryMs);
        void refreshBoardQuietly();
        remindersTimer = setInterval(() => void sendRemindersQuietly(), remindersEveryMs);
        void sendRemindersQuietly();
      },
      onProvisional(error) {
        log(
          `lost the database connection that holds the poller lock (${describeDatabaseError(error)}): checks go on and their results are buffered until the database is back`,
        );
      },
      onRegained() {
        log("database reachable again: poller lock re-taken, writing buffered results");
        void writer.flush();
      },
      onLost(reason) {
        stopLeaderJobs();
        if (reason === "stopped") return;
        log(
          reason === "handover"
            ? "another instance took the poller lock while the database was unreachable: handing the checks over to it; results buffered here are still written"
            : "the database has been unreachable too long to keep checking without the poller lock: stopping checks until it is regained (buffered results are kept)",
        );
        // Buffered results stay valid after a handover: the other instance's checks of the same slots are stored once.
        void poller.stop().then(() => writer.flush());
      },
    },
    {
      retryMs: options.leaderRetryMs,
      maxProvisionalMs: options.maxProvisionalLeadMs ?? env.VIGIL_POLLER_MAX_PROVISIONAL_MS,
    },
  );
  leader.start();

  return {
    writer,
    poller,
    deliverer,
    pager,
    isLeader: () => leader.isLeader,
    isProvisionalLeader: () => leader.isProvisional,
    stop: () =>
      runWithDbDeadline("background", async () => {
        stopLeaderJobs();
        await leader.stop();
        await poller.stop();
        await pager.stop();
        await deliverer.stop();
        await writer.close();
      }),
  };
}
