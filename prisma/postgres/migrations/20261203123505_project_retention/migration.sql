-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "retentionDays" INTEGER,
ADD COLUMN     "retentionQueuedAt" TIMESTAMP(3);
