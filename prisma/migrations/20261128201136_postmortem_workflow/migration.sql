-- CreateEnum
CREATE TYPE "PostmortemReviewDecision" AS ENUM ('approved', 'changes_requested');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('open', 'in_progress', 'done', 'wont_do');

-- AlterTable
ALTER TABLE "Postmortem" ADD COLUMN     "dueSoonNotifiedAt" TIMESTAMPTZ(3),
ADD COLUMN     "overdueNotifiedAt" TIMESTAMPTZ(3),
ADD COLUMN     "ownerId" UUID,
ADD COLUMN     "publishedAt" TIMESTAMPTZ(3),
ADD COLUMN     "publishedById" UUID,
ADD COLUMN     "reviewRequestedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "PostmortemReviewer" (
    "postmortemId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "assignedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostmortemReviewer_pkey" PRIMARY KEY ("postmortemId","userId")
);

-- CreateTable
CREATE TABLE "PostmortemReview" (
    "id" BIGSERIAL NOT NULL,
    "postmortemId" UUID NOT NULL,
    "reviewerId" UUID,
    "reviewerLabel" TEXT NOT NULL,
    "decision" "PostmortemReviewDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostmortemReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostmortemRevision" (
    "id" BIGSERIAL NOT NULL,
    "postmortemId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "authorId" UUID,
    "authorLabel" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "savedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostmortemRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostmortemActionItem" (
    "id" UUID NOT NULL,
    "postmortemId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" UUID,
    "dueDate" DATE,
    "issueUrl" TEXT,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'open',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PostmortemActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "holidays" JSONB NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TeamSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PostmortemReviewer_userId_idx" ON "PostmortemReviewer"("userId");

-- CreateIndex
CREATE INDEX "PostmortemReview_postmortemId_createdAt_idx" ON "PostmortemReview"("postmortemId", "createdAt");

-- CreateIndex
CREATE INDEX "PostmortemRevision_postmortemId_savedAt_idx" ON "PostmortemRevision"("postmortemId", "savedAt" DESC);

-- CreateIndex
CREATE INDEX "PostmortemActionItem_postmortemId_createdAt_idx" ON "PostmortemActionItem"("postmortemId", "createdAt");

-- CreateIndex
CREATE INDEX "PostmortemActionItem_status_dueDate_idx" ON "PostmortemActionItem"("status", "dueDate");

-- CreateIndex
CREATE INDEX "PostmortemActionItem_ownerId_idx" ON "PostmortemActionItem"("ownerId");

-- CreateIndex
CREATE INDEX "Postmortem_status_dueAt_idx" ON "Postmortem"("status", "dueAt");

-- AddForeignKey
ALTER TABLE "Postmortem" ADD CONSTRAINT "Postmortem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Postmortem" ADD CONSTRAINT "Postmortem_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemReviewer" ADD CONSTRAINT "PostmortemReviewer_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemReviewer" ADD CONSTRAINT "PostmortemReviewer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemReview" ADD CONSTRAINT "PostmortemReview_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemReview" ADD CONSTRAINT "PostmortemReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemRevision" ADD CONSTRAINT "PostmortemRevision_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemRevision" ADD CONSTRAINT "PostmortemRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemActionItem" ADD CONSTRAINT "PostmortemActionItem_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemActionItem" ADD CONSTRAINT "PostmortemActionItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
