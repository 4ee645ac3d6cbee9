-- CreateTable
CREATE TABLE "SessionSpan" (
    "projectId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT,
    "firstHour" DOUBLE PRECISION NOT NULL,
    "lastHour" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "totalTokensSum" DOUBLE PRECISION NOT NULL,
    "totalTokensN" INTEGER NOT NULL,
    "totalCostSum" DOUBLE PRECISION NOT NULL,
    "totalCostN" INTEGER NOT NULL,

    CONSTRAINT "SessionSpan_pkey" PRIMARY KEY ("projectId","sessionId","key")
);

-- CreateIndex
CREATE INDEX "SessionSpan_projectId_key_totalCostSum_idx" ON "SessionSpan"("projectId", "key", "totalCostSum");

-- CreateIndex
CREATE INDEX "SessionSpan_projectId_key_firstHour_idx" ON "SessionSpan"("projectId", "key", "firstHour");

-- CreateIndex
CREATE INDEX "SubjectRollup_projectId_subject_subjectId_start_idx" ON "SubjectRollup"("projectId", "subject", "subjectId", "start");

-- By hand: the sessions spanning a day or more (few), so top sessions find the long ones among those crossing
-- a range's ends without reading every session that started before it (lib/analytics/rollups/serve-sessions.ts:
-- the query repeats this condition word for word, so the planner can use the index).
CREATE INDEX "SessionSpan_long_idx" ON "SessionSpan"("projectId", "key", "firstHour") WHERE "lastHour" - "firstHour" >= 86400000;

-- A new rollup: every project holding rows is recomputed from its rows by the ROLLUP_BACKFILL job (top sessions
-- are served from the subject rollup, as before, until then).
INSERT INTO "RollupBackfill" ("projectId", "updatedAt")
SELECT "id", CURRENT_TIMESTAMP FROM "Project" AS "p"
WHERE EXISTS (SELECT 1 FROM "Trace" AS "t" WHERE "t"."projectId" = "p"."id")
   OR EXISTS (SELECT 1 FROM "Score" AS "s" WHERE "s"."projectId" = "p"."id")
ON CONFLICT ("projectId") DO UPDATE SET "cursor" = NULL;
