-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DatasetItemVersion" (
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
    "validTo" DATETIME,
    "itemCreatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DatasetItemVersion_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DatasetItemVersion" ("change", "changedByUserId", "datasetId", "expectedOutput", "id", "input", "itemId", "metadata", "projectId", "sourceObservationId", "sourceTraceId", "status", "validFrom", "version") SELECT "change", "changedByUserId", "datasetId", "expectedOutput", "id", "input", "itemId", "metadata", "projectId", "sourceObservationId", "sourceTraceId", "status", "validFrom", "version" FROM "DatasetItemVersion";
DROP TABLE "DatasetItemVersion";
ALTER TABLE "new_DatasetItemVersion" RENAME TO "DatasetItemVersion";
CREATE INDEX "DatasetItemVersion_datasetId_status_itemCreatedAt_itemId_validFrom_validTo_idx" ON "DatasetItemVersion"("datasetId", "status", "itemCreatedAt", "itemId", "validFrom", "validTo");
CREATE UNIQUE INDEX "DatasetItemVersion_projectId_itemId_version_key" ON "DatasetItemVersion"("projectId", "itemId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Versions stored before these columns: each closed by its successor, each carrying its item's first time.
UPDATE "DatasetItemVersion" SET
  "validTo" = (SELECT MIN(w."validFrom") FROM "DatasetItemVersion" w
    WHERE w."projectId" = "DatasetItemVersion"."projectId" AND w."itemId" = "DatasetItemVersion"."itemId" AND w."version" > "DatasetItemVersion"."version"),
  "itemCreatedAt" = (SELECT MIN(f."validFrom") FROM "DatasetItemVersion" f
    WHERE f."projectId" = "DatasetItemVersion"."projectId" AND f."itemId" = "DatasetItemVersion"."itemId");
