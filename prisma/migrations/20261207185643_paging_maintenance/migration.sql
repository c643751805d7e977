-- CreateEnum
CREATE TYPE "PageState" AS ENUM ('triggered', 'acknowledged', 'resolved');

-- CreateEnum
CREATE TYPE "PageKind" AS ENUM ('service', 'monitor');

-- CreateEnum
CREATE TYPE "MaintenanceRecurrence" AS ENUM ('none', 'weekly');

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "escalationPolicyId" UUID;

-- AlterTable
ALTER TABLE "CheckResult" ADD COLUMN     "inMaintenance" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "CheckRollup" ADD COLUMN     "maintenanceDegraded" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "maintenanceDown" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "maintenanceUp" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "TeamSettings" ADD COLUMN     "maintenanceExcludedFromUptime" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "EscalationContact" ADD COLUMN     "userId" UUID;

-- CreateTable
CREATE TABLE "EscalationPolicy" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "levels" JSONB NOT NULL,
    "repeat" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EscalationPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Page" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "openKey" TEXT,
    "kind" "PageKind" NOT NULL,
    "level" "AlertLevel" NOT NULL,
    "serviceId" UUID,
    "alertId" UUID,
    "title" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "state" "PageState" NOT NULL DEFAULT 'triggered',
    "policyId" UUID,
    "escalationLevel" INTEGER NOT NULL DEFAULT 1,
    "round" INTEGER NOT NULL DEFAULT 0,
    "nextEscalationAt" TIMESTAMPTZ(3),
    "triggeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedById" UUID,
    "acknowledgedVia" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedReason" TEXT,
    "unreachableAt" TIMESTAMPTZ(3),
    "unreachableReason" TEXT,
    "incidentId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Page_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PageNotification" (
    "id" BIGSERIAL NOT NULL,
    "pageId" UUID NOT NULL,
    "step" TEXT NOT NULL,
    "userId" UUID,
    "recipient" TEXT NOT NULL,
    "recipientKey" TEXT NOT NULL,
    "contactMethodId" UUID,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "outboxDeliveryId" BIGINT,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PageNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceWindow" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "reason" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "recurrence" "MaintenanceRecurrence" NOT NULL DEFAULT 'none',
    "deployId" UUID,
    "createdById" UUID,
    "createdByLabel" TEXT NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "endedById" UUID,
    "cancelledAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MaintenanceWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceWindowService" (
    "windowId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,

    CONSTRAINT "MaintenanceWindowService_pkey" PRIMARY KEY ("windowId","serviceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "EscalationPolicy_name_key" ON "EscalationPolicy"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Page_number_key" ON "Page"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Page_openKey_key" ON "Page"("openKey");

-- CreateIndex
CREATE INDEX "Page_state_nextEscalationAt_idx" ON "Page"("state", "nextEscalationAt");

-- CreateIndex
CREATE INDEX "Page_triggeredAt_idx" ON "Page"("triggeredAt" DESC);

-- CreateIndex
CREATE INDEX "Page_serviceId_triggeredAt_idx" ON "Page"("serviceId", "triggeredAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "PageNotification_outboxDeliveryId_key" ON "PageNotification"("outboxDeliveryId");

-- CreateIndex
CREATE INDEX "PageNotification_userId_createdAt_idx" ON "PageNotification"("userId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "PageNotification_pageId_step_recipientKey_key" ON "PageNotification"("pageId", "step", "recipientKey");

-- CreateIndex
CREATE UNIQUE INDEX "MaintenanceWindow_number_key" ON "MaintenanceWindow"("number");

-- CreateIndex
CREATE UNIQUE INDEX "MaintenanceWindow_deployId_key" ON "MaintenanceWindow"("deployId");

-- CreateIndex
CREATE INDEX "MaintenanceWindow_endsAt_idx" ON "MaintenanceWindow"("endsAt");

-- CreateIndex
CREATE INDEX "MaintenanceWindow_startsAt_idx" ON "MaintenanceWindow"("startsAt");

-- CreateIndex
CREATE INDEX "MaintenanceWindowService_serviceId_idx" ON "MaintenanceWindowService"("serviceId");

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_escalationPolicyId_fkey" FOREIGN KEY ("escalationPolicyId") REFERENCES "EscalationPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationContact" ADD CONSTRAINT "EscalationContact_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Page" ADD CONSTRAINT "Page_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Page" ADD CONSTRAINT "Page_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Page" ADD CONSTRAINT "Page_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "EscalationPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Page" ADD CONSTRAINT "Page_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Page" ADD CONSTRAINT "Page_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PageNotification" ADD CONSTRAINT "PageNotification_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "Page"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PageNotification" ADD CONSTRAINT "PageNotification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceWindow" ADD CONSTRAINT "MaintenanceWindow_deployId_fkey" FOREIGN KEY ("deployId") REFERENCES "Deploy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceWindow" ADD CONSTRAINT "MaintenanceWindow_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceWindow" ADD CONSTRAINT "MaintenanceWindow_endedById_fkey" FOREIGN KEY ("endedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceWindowService" ADD CONSTRAINT "MaintenanceWindowService_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "MaintenanceWindow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceWindowService" ADD CONSTRAINT "MaintenanceWindowService_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
