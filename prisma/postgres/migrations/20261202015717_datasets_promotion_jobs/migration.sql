-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "expectedOutputSchema" JSONB,
ADD COLUMN     "inputSchema" JSONB;

-- AlterTable
ALTER TABLE "DatasetItem" ADD COLUMN     "correctionScoreId" TEXT,
ADD COLUMN     "correctionTakenAt" TIMESTAMP(3),
ADD COLUMN     "createdByUserId" TEXT,
ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'API',
ADD COLUMN     "promotionKey" TEXT,
ADD COLUMN     "ruleId" TEXT,
ADD COLUMN     "updatedByUserId" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "DatasetItemVersion" (
    "id" TEXT NOT NULL,
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
    "validFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetItemVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionRule" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "datasetId" TEXT,
    "filter" JSONB NOT NULL,
    "mapping" JSONB NOT NULL,
    "sampleRate" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "itemsCreated" INTEGER NOT NULL DEFAULT 0,
    "lastMatchAt" TIMESTAMP(3),
    "cursor" TIMESTAMP(3),
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromotionRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "DatasetItem_datasetId_status_createdAt_idx" ON "DatasetItem"("datasetId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "DatasetItem_datasetId_updatedAt_idx" ON "DatasetItem"("datasetId", "updatedAt");

-- CreateIndex
CREATE INDEX "DatasetItem_projectId_sourceTraceId_idx" ON "DatasetItem"("projectId", "sourceTraceId");

-- CreateIndex
CREATE INDEX "DatasetItem_datasetId_ruleId_createdAt_idx" ON "DatasetItem"("datasetId", "ruleId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetItem_datasetId_promotionKey_key" ON "DatasetItem"("datasetId", "promotionKey");

-- AddForeignKey
ALTER TABLE "DatasetItemVersion" ADD CONSTRAINT "DatasetItemVersion_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionRule" ADD CONSTRAINT "PromotionRule_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE SET NULL ON UPDATE CASCADE;
