-- AlterTable
ALTER TABLE "ServiceState" DROP COLUMN "checkStatus",
DROP COLUMN "pageOpen";
