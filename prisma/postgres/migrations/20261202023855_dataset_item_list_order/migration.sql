-- DropIndex
DROP INDEX "DatasetItem_datasetId_createdAt_idx";

-- DropIndex
DROP INDEX "DatasetItem_datasetId_status_createdAt_idx";

-- CreateIndex
CREATE INDEX "DatasetItem_datasetId_createdAt_id_idx" ON "DatasetItem"("datasetId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "DatasetItem_datasetId_status_createdAt_id_idx" ON "DatasetItem"("datasetId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "DatasetItem_datasetId_origin_createdAt_id_idx" ON "DatasetItem"("datasetId", "origin", "createdAt", "id");
