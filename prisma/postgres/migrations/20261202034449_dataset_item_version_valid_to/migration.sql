-- DropIndex
DROP INDEX "DatasetItemVersion_datasetId_validFrom_idx";

-- AlterTable
ALTER TABLE "DatasetItemVersion" ADD COLUMN     "itemCreatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "validTo" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "DatasetItemVersion_datasetId_status_itemCreatedAt_itemId_va_idx" ON "DatasetItemVersion"("datasetId", "status", "itemCreatedAt", "itemId", "validFrom", "validTo");

-- Versions stored before these columns: each closed by its successor, each carrying its item's first time.
UPDATE "DatasetItemVersion" SET
  "validTo" = (SELECT MIN(w."validFrom") FROM "DatasetItemVersion" w
    WHERE w."projectId" = "DatasetItemVersion"."projectId" AND w."itemId" = "DatasetItemVersion"."itemId" AND w."version" > "DatasetItemVersion"."version"),
  "itemCreatedAt" = (SELECT MIN(f."validFrom") FROM "DatasetItemVersion" f
    WHERE f."projectId" = "DatasetItemVersion"."projectId" AND f."itemId" = "DatasetItemVersion"."itemId");
