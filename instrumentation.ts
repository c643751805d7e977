export async function register(): Promise<void> {
  // The poller needs Node APIs; the edge runtime never runs it.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startInProcessMonitoring } = await import("@/lib/jobs/in-process");
  startInProcessMonitoring();
}
