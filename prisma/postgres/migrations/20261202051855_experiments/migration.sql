-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "experimentSecret" TEXT,
ADD COLUMN     "experimentUrl" TEXT;

-- AlterTable
ALTER TABLE "DatasetRunItem" ADD COLUMN     "datasetVersion" TIMESTAMP(3),
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "Evaluator" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "datasetId" TEXT,
    "filter" JSONB,
    "sampleRate" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "cursor" TIMESTAMP(3),
    "runCursor" TIMESTAMP(3),
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evaluator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluatorResult" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "evaluatorId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "datasetRunId" TEXT,
    "status" TEXT NOT NULL,
    "scoreId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvaluatorResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentTrigger" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "runName" TEXT NOT NULL,
    "payload" JSONB,
    "url" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "responseHead" TEXT,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExperimentTrigger_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Evaluator_projectId_enabled_idx" ON "Evaluator"("projectId", "enabled");

-- CreateIndex
CREATE UNIQUE INDEX "Evaluator_projectId_name_key" ON "Evaluator"("projectId", "name");

-- CreateIndex
CREATE INDEX "EvaluatorResult_projectId_datasetRunId_idx" ON "EvaluatorResult"("projectId", "datasetRunId");

-- CreateIndex
CREATE INDEX "EvaluatorResult_evaluatorId_updatedAt_idx" ON "EvaluatorResult"("evaluatorId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluatorResult_evaluatorId_targetType_targetId_key" ON "EvaluatorResult"("evaluatorId", "targetType", "targetId");

-- CreateIndex
CREATE INDEX "ExperimentTrigger_projectId_datasetId_createdAt_idx" ON "ExperimentTrigger"("projectId", "datasetId", "createdAt");

-- CreateIndex
CREATE INDEX "DatasetRun_projectId_datasetId_createdAt_idx" ON "DatasetRun"("projectId", "datasetId", "createdAt");

-- CreateIndex
CREATE INDEX "DatasetRunItem_projectId_traceId_idx" ON "DatasetRunItem"("projectId", "traceId");

-- CreateIndex
CREATE INDEX "DatasetRunItem_projectId_updatedAt_idx" ON "DatasetRunItem"("projectId", "updatedAt");

-- CreateIndex
CREATE INDEX "DatasetRunItem_datasetRunId_createdAt_idx" ON "DatasetRunItem"("datasetRunId", "createdAt");

-- AddForeignKey
ALTER TABLE "Evaluator" ADD CONSTRAINT "Evaluator_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluatorResult" ADD CONSTRAINT "EvaluatorResult_evaluatorId_fkey" FOREIGN KEY ("evaluatorId") REFERENCES "Evaluator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentTrigger" ADD CONSTRAINT "ExperimentTrigger_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
