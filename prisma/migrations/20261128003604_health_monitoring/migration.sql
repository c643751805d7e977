-- CreateEnum
CREATE TYPE "HealthStatus" AS ENUM ('up', 'degraded', 'down');

-- CreateEnum
CREATE TYPE "AlertState" AS ENUM ('ok', 'failing', 'alerting', 'recovering');

-- CreateEnum
CREATE TYPE "ProbeProfile" AS ENUM ('holoscript_mcp', 'absorb', 'studio', 'generic_json', 'http');

-- CreateEnum
CREATE TYPE "RollupGranularity" AS ENUM ('minute', 'hour', 'day');

-- CreateTable
CREATE TABLE "Service" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "baseUrl" TEXT NOT NULL,
    "profile" "ProbeProfile" NOT NULL,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 30,
    "timeoutSeconds" INTEGER NOT NULL DEFAULT 10,
    "latencySloMs" INTEGER NOT NULL DEFAULT 3000,
    "failureThreshold" INTEGER NOT NULL DEFAULT 2,
    "recoveryThreshold" INTEGER NOT NULL DEFAULT 2,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "links" JSONB NOT NULL DEFAULT '{}',
    "sampleProbe" JSONB,
    "checkTlsExpiry" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceState" (
    "serviceId" UUID NOT NULL,
    "alertState" "AlertState" NOT NULL DEFAULT 'ok',
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "consecutiveSuccesses" INTEGER NOT NULL DEFAULT 0,
    "lastStatus" "HealthStatus",
    "lastReason" TEXT,
    "lastScheduledAt" TIMESTAMPTZ(3),
    "lastLatencyMs" INTEGER,
    "lastHttpStatus" INTEGER,
    "lastVersion" TEXT,
    "lastFigures" JSONB,
    "stateSince" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusSince" TIMESTAMPTZ(3),
    "flapping" BOOLEAN NOT NULL DEFAULT false,
    "statusChanges" TIMESTAMPTZ(3)[] DEFAULT ARRAY[]::TIMESTAMPTZ(3)[],
    "recentLatencies" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "p95LastHourMs" INTEGER,
    "tlsExpiresAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceState_pkey" PRIMARY KEY ("serviceId")
);

-- CreateTable
CREATE TABLE "CheckResult" (
    "id" BIGSERIAL NOT NULL,
    "serviceId" UUID NOT NULL,
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "HealthStatus" NOT NULL,
    "reason" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "latencyMs" INTEGER,
    "timings" JSONB,
    "version" TEXT,
    "figures" JSONB,
    "bodySample" TEXT,
    "manual" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CheckResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthEvent" (
    "id" BIGSERIAL NOT NULL,
    "serviceId" UUID,
    "kind" TEXT NOT NULL,
    "fromState" "AlertState",
    "toState" "AlertState",
    "status" "HealthStatus",
    "reason" TEXT NOT NULL,
    "suppressed" BOOLEAN NOT NULL DEFAULT false,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HealthEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckRollup" (
    "serviceId" UUID NOT NULL,
    "granularity" "RollupGranularity" NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "total" INTEGER NOT NULL,
    "up" INTEGER NOT NULL,
    "degraded" INTEGER NOT NULL,
    "down" INTEGER NOT NULL,
    "latencyCount" INTEGER NOT NULL,
    "latencySumMs" BIGINT NOT NULL,
    "latencyMaxMs" INTEGER NOT NULL,
    "latencyHistogram" INTEGER[],

    CONSTRAINT "CheckRollup_pkey" PRIMARY KEY ("serviceId","granularity","bucket")
);

-- CreateTable
CREATE TABLE "OutboundAllowRule" (
    "id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboundAllowRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorStatus" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "degraded" BOOLEAN NOT NULL DEFAULT false,
    "since" TIMESTAMPTZ(3),
    "reason" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MonitorStatus_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Service_environment_name_key" ON "Service"("environment", "name");

-- CreateIndex
CREATE INDEX "CheckResult_scheduledAt_idx" ON "CheckResult"("scheduledAt");

-- CreateIndex
CREATE UNIQUE INDEX "CheckResult_serviceId_scheduledAt_key" ON "CheckResult"("serviceId", "scheduledAt");

-- CreateIndex
CREATE INDEX "HealthEvent_serviceId_at_idx" ON "HealthEvent"("serviceId", "at" DESC);

-- CreateIndex
CREATE INDEX "HealthEvent_at_idx" ON "HealthEvent"("at" DESC);

-- CreateIndex
CREATE INDEX "CheckRollup_granularity_bucket_idx" ON "CheckRollup"("granularity", "bucket");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundAllowRule_rule_key" ON "OutboundAllowRule"("rule");

-- AddForeignKey
ALTER TABLE "ServiceState" ADD CONSTRAINT "ServiceState_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckResult" ADD CONSTRAINT "CheckResult_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealthEvent" ADD CONSTRAINT "HealthEvent_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckRollup" ADD CONSTRAINT "CheckRollup_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
