-- CreateTable
CREATE TABLE "SubjectRollup" (
    "projectId" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "shard" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "subjectId" TEXT,
    "name" TEXT,
    "count" INTEGER NOT NULL,
    "totalTokensSum" DOUBLE PRECISION NOT NULL,
    "totalTokensN" INTEGER NOT NULL,
    "totalCostSum" DOUBLE PRECISION NOT NULL,
    "totalCostN" INTEGER NOT NULL,

    CONSTRAINT "SubjectRollup_pkey" PRIMARY KEY ("projectId","subject","start","shard","key")
);

-- A new rollup: every project holding rows is recomputed from its rows by the ROLLUP_BACKFILL job (top users,
-- top sessions and cost by user are served from the rows until then).
INSERT INTO "RollupBackfill" ("projectId", "updatedAt")
SELECT "id", CURRENT_TIMESTAMP FROM "Project" AS "p"
WHERE EXISTS (SELECT 1 FROM "Trace" AS "t" WHERE "t"."projectId" = "p"."id")
   OR EXISTS (SELECT 1 FROM "Score" AS "s" WHERE "s"."projectId" = "p"."id")
ON CONFLICT ("projectId") DO UPDATE SET "cursor" = NULL;
