-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "idempotencyActor" TEXT,
ADD COLUMN     "idempotencyBodyHash" TEXT;

-- AlterTable
ALTER TABLE "Deploy" ADD COLUMN     "idempotencyActor" TEXT,
ADD COLUMN     "idempotencyBodyHash" TEXT;
