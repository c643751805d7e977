-- CreateEnum
CREATE TYPE "AlertLevel" AS ENUM ('page', 'warning');

-- CreateEnum
CREATE TYPE "AlertRule" AS ENUM ('down', 'degraded', 'flapping', 'certificate', 'burn_fast', 'burn_slow');

-- CreateEnum
CREATE TYPE "BaselineSource" AS ENUM ('observed', 'deploy', 'accepted');

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "availabilitySlo" DOUBLE PRECISION NOT NULL DEFAULT 0.999,
ADD COLUMN     "availabilityWindowDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "certPageDays" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "certWarnDays" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN     "degradedWarnAfterSeconds" INTEGER NOT NULL DEFAULT 300,
ADD COLUMN     "flappingStableSeconds" INTEGER NOT NULL DEFAULT 300,
ADD COLUMN     "latencyWindowSeconds" INTEGER NOT NULL DEFAULT 300;

-- AlterTable
ALTER TABLE "ServiceState" ADD COLUMN     "burnRates" JSONB,
ADD COLUMN     "checkStatus" "HealthStatus",
ADD COLUMN     "firstCheckedAt" TIMESTAMPTZ(3),
ADD COLUMN     "flappingSince" TIMESTAMPTZ(3),
ADD COLUMN     "lastCountedAt" TIMESTAMPTZ(3),
ADD COLUMN     "lastFailureAt" TIMESTAMPTZ(3),
ADD COLUMN     "lastFailureReason" TEXT,
ADD COLUMN     "lastFiguresAt" TIMESTAMPTZ(3),
ADD COLUMN     "latencyBreached" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "p95WindowMs" INTEGER,
ADD COLUMN     "pageOpen" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "unhealthySince" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "rule" "AlertRule" NOT NULL,
    "level" "AlertLevel" NOT NULL,
    "reason" TEXT NOT NULL,
    "evidence" JSONB NOT NULL DEFAULT '[]',
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "endReason" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceBaseline" (
    "serviceId" UUID NOT NULL,
    "figure" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "source" "BaselineSource" NOT NULL,
    "setAt" TIMESTAMPTZ(3) NOT NULL,
    "acceptedById" UUID,
    "acceptedByLabel" TEXT,
    "reason" TEXT,

    CONSTRAINT "ServiceBaseline_pkey" PRIMARY KEY ("serviceId","figure")
);

-- CreateIndex
CREATE INDEX "Alert_serviceId_endedAt_idx" ON "Alert"("serviceId", "endedAt");

-- CreateIndex
CREATE INDEX "Alert_endedAt_startedAt_idx" ON "Alert"("endedAt", "startedAt" DESC);

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceBaseline" ADD CONSTRAINT "ServiceBaseline_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: what the new columns would have said for existing services.
UPDATE "ServiceState" st SET
  "lastCountedAt" = st."lastScheduledAt",
  "checkStatus" = st."lastStatus",
  "lastFiguresAt" = CASE WHEN st."lastFigures" IS NOT NULL THEN st."lastScheduledAt" END,
  "pageOpen" = st."alertState" IN ('alerting', 'recovering'),
  "firstCheckedAt" = (
    SELECT LEAST(
      (SELECT min(c."scheduledAt") FROM "CheckResult" c WHERE c."serviceId" = st."serviceId"),
      (SELECT min(r.bucket) FROM "CheckRollup" r WHERE r."serviceId" = st."serviceId"))
  );
