-- AlterTable
ALTER TABLE "MonitorStatus" ADD COLUMN     "unstoredCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unstoredLastAt" TIMESTAMPTZ(3),
ADD COLUMN     "unstoredReason" TEXT,
ADD COLUMN     "unstoredSince" TIMESTAMPTZ(3);
