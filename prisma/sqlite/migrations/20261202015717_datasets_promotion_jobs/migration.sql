-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN "expectedOutputSchema" JSONB;
ALTER TABLE "Dataset" ADD COLUMN "inputSchema" JSONB;

-- CreateTable
CREATE TABLE "DatasetItemVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "input" JSONB,
    "expectedOutput" JSONB,
    "metadata" JSONB,
    "status" TEXT NOT NULL,
    "sourceTraceId" TEXT,
    "sourceObservationId" TEXT,
    "change" TEXT NOT NULL,
    "changedByUserId" TEXT,
    "validFrom" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DatasetItemVersion_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PromotionRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "datasetId" TEXT,
    "filter" JSONB NOT NULL,
    "mapping" JSONB NOT NULL,
    "sampleRate" REAL NOT NULL DEFAULT 1,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "itemsCreated" INTEGER NOT NULL DEFAULT 0,
    "lastMatchAt" DATETIME,
    "cursor" DATETIME,
    "createdByUserId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PromotionRule_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "params" JSONB NOT NULL,
    "label" TEXT NOT NULL,
    "total" INTEGER,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "failures" JSONB,
    "cursor" TEXT,
    "error" TEXT,
    "createdByUserId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "heartbeatAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DatasetItem" (
    "projectId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "input" JSONB,
    "expectedOutput" JSONB,
    "metadata" JSONB,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "sourceTraceId" TEXT,
    "sourceObservationId" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'API',
    "ruleId" TEXT,
    "promotionKey" TEXT,
    "correctionScoreId" TEXT,
    "correctionTakenAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdByUserId" TEXT,
    "updatedByUserId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("projectId", "id"),
    CONSTRAINT "DatasetItem_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DatasetItem" ("createdAt", "datasetId", "expectedOutput", "id", "input", "metadata", "projectId", "sourceObservationId", "sourceTraceId", "status", "updatedAt") SELECT "createdAt", "datasetId", "expectedOutput", "id", "input", "metadata", "projectId", "sourceObservationId", "sourceTraceId", "status", "updatedAt" FROM "DatasetItem";
DROP TABLE "DatasetItem";
ALTER TABLE "new_DatasetItem" RENAME TO "DatasetItem";
CREATE INDEX "DatasetItem_datasetId_createdAt_idx" ON "DatasetItem"("datasetId", "createdAt");
CREATE INDEX "DatasetItem_datasetId_status_createdAt_idx" ON "DatasetItem"("datasetId", "status", "createdAt");
CREATE INDEX "DatasetItem_datasetId_updatedAt_idx" ON "DatasetItem"("datasetId", "updatedAt");
CREATE INDEX "DatasetItem_projectId_sourceTraceId_idx" ON "DatasetItem"("projectId", "sourceTraceId");
CREATE INDEX "DatasetItem_datasetId_ruleId_createdAt_idx" ON "DatasetItem"("datasetId", "ruleId", "createdAt");
CREATE UNIQUE INDEX "DatasetItem_datasetId_promotionKey_key" ON "DatasetItem"("datasetId", "promotionKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DatasetItemVersion_datasetId_validFrom_idx" ON "DatasetItemVersion"("datasetId", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetItemVersion_projectId_itemId_version_key" ON "DatasetItemVersion"("projectId", "itemId", "version");

-- CreateIndex
CREATE INDEX "PromotionRule_projectId_enabled_idx" ON "PromotionRule"("projectId", "enabled");

-- CreateIndex
CREATE UNIQUE INDEX "PromotionRule_projectId_name_key" ON "PromotionRule"("projectId", "name");

-- CreateIndex
CREATE INDEX "Job_projectId_createdAt_idx" ON "Job"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "Job_status_createdAt_idx" ON "Job"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Trace_projectId_updatedAt_idx" ON "Trace"("projectId", "updatedAt");

-- CreateIndex
CREATE INDEX "Score_projectId_updatedAt_idx" ON "Score"("projectId", "updatedAt");
