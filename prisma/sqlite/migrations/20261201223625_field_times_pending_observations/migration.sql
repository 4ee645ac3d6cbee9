-- AlterTable
ALTER TABLE "Trace" ADD COLUMN "fieldTimes" JSONB;

-- AlterTable
ALTER TABLE "Observation" ADD COLUMN "fieldTimes" JSONB;

-- CreateTable
CREATE TABLE "PendingObservation" (
    "projectId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "event" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("projectId", "id")
);
