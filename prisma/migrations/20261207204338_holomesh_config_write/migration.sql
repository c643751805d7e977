-- AlterTable
ALTER TABLE "HoloMeshConnection" ADD COLUMN     "configWriteRefusedFor" TEXT;
