-- CreateTable
CREATE TABLE "BoardChangeLease" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "holder" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "heldUntil" TIMESTAMPTZ(3) NOT NULL,
    "progress" JSONB NOT NULL,

    CONSTRAINT "BoardChangeLease_pkey" PRIMARY KEY ("id")
);
