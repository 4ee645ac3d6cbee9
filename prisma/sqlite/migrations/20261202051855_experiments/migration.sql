-- AlterTable
ALTER TABLE "Project" ADD COLUMN "experimentSecret" TEXT;
ALTER TABLE "Project" ADD COLUMN "experimentUrl" TEXT;

-- CreateTable
CREATE TABLE "Evaluator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "datasetId" TEXT,
    "filter" JSONB,
    "sampleRate" REAL NOT NULL DEFAULT 1,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "cursor" DATETIME,
    "runCursor" DATETIME,
    "createdByUserId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evaluator_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluatorResult" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "evaluatorId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "datasetRunId" TEXT,
    "status" TEXT NOT NULL,
    "scoreId" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EvaluatorResult_evaluatorId_fkey" FOREIGN KEY ("evaluatorId") REFERENCES "Evaluator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExperimentTrigger" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "runName" TEXT NOT NULL,
    "payload" JSONB,
    "url" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "responseHead" TEXT,
    "createdByUserId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExperimentTrigger_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DatasetRunItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "datasetRunId" TEXT NOT NULL,
    "datasetItemId" TEXT NOT NULL,
    "traceId" TEXT NOT NULL,
    "observationId" TEXT,
    "datasetVersion" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DatasetRunItem_datasetRunId_fkey" FOREIGN KEY ("datasetRunId") REFERENCES "DatasetRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DatasetRunItem_projectId_datasetItemId_fkey" FOREIGN KEY ("projectId", "datasetItemId") REFERENCES "DatasetItem" ("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DatasetRunItem" ("createdAt", "datasetItemId", "datasetRunId", "id", "observationId", "projectId", "traceId") SELECT "createdAt", "datasetItemId", "datasetRunId", "id", "observationId", "projectId", "traceId" FROM "DatasetRunItem";
DROP TABLE "DatasetRunItem";
ALTER TABLE "new_DatasetRunItem" RENAME TO "DatasetRunItem";
CREATE INDEX "DatasetRunItem_projectId_traceId_idx" ON "DatasetRunItem"("projectId", "traceId");
CREATE INDEX "DatasetRunItem_projectId_updatedAt_idx" ON "DatasetRunItem"("projectId", "updatedAt");
CREATE INDEX "DatasetRunItem_datasetRunId_createdAt_idx" ON "DatasetRunItem"("datasetRunId", "createdAt");
CREATE UNIQUE INDEX "DatasetRunItem_datasetRunId_datasetItemId_key" ON "DatasetRunItem"("datasetRunId", "datasetItemId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
