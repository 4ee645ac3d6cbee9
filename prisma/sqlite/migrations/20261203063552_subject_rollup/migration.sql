-- CreateTable
-- WITHOUT ROWID (by hand; the schema-to-schema diffs never introspect it): the rows live in the primary key's
-- order, so top users read a range's user rows in one pass instead of one table look-up per row, and an upsert
-- writes one b-tree, not two.
CREATE TABLE "SubjectRollup" (
    "projectId" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "shard" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "subjectId" TEXT,
    "name" TEXT,
    "count" INTEGER NOT NULL,
    "totalTokensSum" REAL NOT NULL,
    "totalTokensN" INTEGER NOT NULL,
    "totalCostSum" REAL NOT NULL,
    "totalCostN" INTEGER NOT NULL,

    PRIMARY KEY ("projectId", "subject", "start", "shard", "key")
) WITHOUT ROWID;

-- A new rollup: every project holding rows is recomputed from its rows by the ROLLUP_BACKFILL job (top users,
-- top sessions and cost by user are served from the rows until then).
INSERT INTO "RollupBackfill" ("projectId", "updatedAt")
SELECT "id", CURRENT_TIMESTAMP FROM "Project" AS "p"
WHERE EXISTS (SELECT 1 FROM "Trace" AS "t" WHERE "t"."projectId" = "p"."id")
   OR EXISTS (SELECT 1 FROM "Score" AS "s" WHERE "s"."projectId" = "p"."id")
ON CONFLICT ("projectId") DO UPDATE SET "cursor" = NULL;
