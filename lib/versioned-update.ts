import { conflictError, notFoundError } from "@/lib/errors";

/** The part of a Prisma model delegate a versioned write needs (every versioned model has `id` and `version`). */
type VersionedDelegate<Data> = {
  updateMany(args: {
    where: { id: string; version: number };
    data: Data;
  }): PromiseLike<{ count: number }>;
  findUnique(args: {
    where: { id: string };
    select: { version: true };
  }): PromiseLike<{ version: number } | null>;
};

/**
 * Writes `data` (and bumps the version) only when the row is still at the version the caller saw: 404 when the row
 * is gone, 409 naming the version it is at now when someone else wrote first. Run it inside the write's transaction.
 */
export async function updateOnVersion<Data extends object>(
  delegate: VersionedDelegate<Data & { version: { increment: number } }>,
  target: {
    id: string;
    version: number;
    what: string;
    conflict: (currentVersion: number) => string;
  },
  data: Data,
): Promise<void> {
  const { count } = await delegate.updateMany({
    where: { id: target.id, version: target.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count > 0) return;
  const now = await delegate.findUnique({ where: { id: target.id }, select: { version: true } });
  if (!now) throw notFoundError(target.what);
  throw conflictError(target.conflict(now.version));
}
