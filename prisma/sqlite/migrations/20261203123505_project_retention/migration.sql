-- AlterTable
ALTER TABLE "Project" ADD COLUMN "retentionDays" INTEGER;
ALTER TABLE "Project" ADD COLUMN "retentionQueuedAt" DATETIME;
