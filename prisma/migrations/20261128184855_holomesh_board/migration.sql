-- CreateTable
CREATE TABLE "HoloMeshConnection" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "baseUrl" TEXT NOT NULL DEFAULT 'https://mcp.holoscript.net',
    "teamId" TEXT NOT NULL DEFAULT '',
    "apiKeyCiphertext" TEXT,
    "apiKeyHint" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HoloMeshConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardSnapshot" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "board" JSONB,
    "fetchedAt" TIMESTAMPTZ(3),
    "error" TEXT,
    "errorAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BoardSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardChange" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "fromMode" TEXT,
    "toMode" TEXT NOT NULL,
    "objective" TEXT NOT NULL,
    "objectiveKind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "boardChangedAt" TIMESTAMPTZ(3),
    "incidentId" UUID,
    "idempotencyKey" TEXT,

    CONSTRAINT "BoardChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BoardChange_idempotencyKey_key" ON "BoardChange"("idempotencyKey");

-- CreateIndex
CREATE INDEX "BoardChange_at_idx" ON "BoardChange"("at" DESC);

-- CreateIndex
CREATE INDEX "BoardChange_teamId_at_idx" ON "BoardChange"("teamId", "at" DESC);
