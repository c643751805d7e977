// Pure: the browser tests import it without the poller's database.
/** Spreads services over their interval by id, so 500 services at 30 s do not all fire at :00. */
export function slotOffsetMs(id: string, intervalMs: number): number {
  let hash = 0;
  for (let index = 0; index < id.length; index++) hash = (hash * 31 + id.charCodeAt(index)) >>> 0;
  return hash % intervalMs;
}

export function nextSlotAfter(now: number, id: string, intervalSeconds: number): number {
  const intervalMs = intervalSeconds * 1000;
  const offset = slotOffsetMs(id, intervalMs);
  return Math.floor((now - offset) / intervalMs) * intervalMs + offset + intervalMs;
}
