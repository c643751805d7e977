-- CreateEnum
CREATE TYPE "DeployStatus" AS ENUM ('started', 'succeeded', 'failed', 'rolled_back');

-- CreateEnum
CREATE TYPE "HandoffCadence" AS ENUM ('daily', 'weekly');

-- CreateTable
CREATE TABLE "Deploy" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "serviceId" UUID NOT NULL,
    "releaseVersion" TEXT,
    "commitSha" TEXT,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "status" "DeployStatus" NOT NULL DEFAULT 'started',
    "link" TEXT,
    "deployedBy" TEXT NOT NULL,
    "createdById" UUID,
    "ciGreen" BOOLEAN,
    "noSecretsInDiff" BOOLEAN,
    "versionTagRecorded" BOOLEAN,
    "notes" TEXT NOT NULL DEFAULT '',
    "smokeStatus" TEXT,
    "smokeLatencyMs" INTEGER,
    "smokeReason" TEXT,
    "smokeAt" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Deploy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Handoff" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "outgoingId" UUID,
    "outgoingLabel" TEXT NOT NULL,
    "incomingId" UUID,
    "incomingLabel" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "manualDeploys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "knownRisks" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "escalation" JSONB NOT NULL DEFAULT '[]',
    "notes" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL,
    "createdById" UUID,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedById" UUID,
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationContact" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "contact" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EscalationContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HandoffSchedule" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "cadence" "HandoffCadence" NOT NULL DEFAULT 'daily',
    "hourUtc" INTEGER NOT NULL DEFAULT 9,
    "minuteUtc" INTEGER NOT NULL DEFAULT 0,
    "weekday" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HandoffSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Deploy_number_key" ON "Deploy"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Deploy_idempotencyKey_key" ON "Deploy"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Deploy_serviceId_startedAt_idx" ON "Deploy"("serviceId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "Deploy_status_startedAt_idx" ON "Deploy"("status", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "Deploy_startedAt_idx" ON "Deploy"("startedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Handoff_number_key" ON "Handoff"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Handoff_idempotencyKey_key" ON "Handoff"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Handoff_windowStart_idx" ON "Handoff"("windowStart" DESC);

-- CreateIndex
CREATE INDEX "Handoff_incomingId_windowStart_idx" ON "Handoff"("incomingId", "windowStart" DESC);

-- AddForeignKey
ALTER TABLE "Deploy" ADD CONSTRAINT "Deploy_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deploy" ADD CONSTRAINT "Deploy_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_outgoingId_fkey" FOREIGN KEY ("outgoingId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_incomingId_fkey" FOREIGN KEY ("incomingId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
