-- AlterTable
ALTER TABLE "Trace" ADD COLUMN     "fieldTimes" JSONB;

-- AlterTable
ALTER TABLE "Observation" ADD COLUMN     "fieldTimes" JSONB;

-- CreateTable
CREATE TABLE "PendingObservation" (
    "projectId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "event" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingObservation_pkey" PRIMARY KEY ("projectId","id")
);
