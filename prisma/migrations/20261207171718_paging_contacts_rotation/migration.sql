-- CreateEnum
CREATE TYPE "ContactMethodKind" AS ENUM ('email', 'slack', 'ntfy', 'webhook');

-- AlterTable
ALTER TABLE "HandoffSchedule" ADD COLUMN     "rotationStartsAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ContactMethod" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" "ContactMethodKind" NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "target" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastTestAt" TIMESTAMPTZ(3),
    "lastTestStatus" TEXT,
    "lastTestError" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ContactMethod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OnCallRotationMember" (
    "userId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OnCallRotationMember_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "ContactMethod_userId_idx" ON "ContactMethod"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OnCallRotationMember_position_key" ON "OnCallRotationMember"("position");

-- AddForeignKey
ALTER TABLE "ContactMethod" ADD CONSTRAINT "ContactMethod_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnCallRotationMember" ADD CONSTRAINT "OnCallRotationMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
