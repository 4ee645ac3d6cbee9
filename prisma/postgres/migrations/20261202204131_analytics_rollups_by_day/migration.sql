-- DropTable
DROP TABLE "TraceMetricHour";

-- DropTable
DROP TABLE "ObservationMetricHour";

-- DropTable
DROP TABLE "ScoreMetricHour";

-- DropTable
DROP TABLE "TraceSketchHour";

-- DropTable
DROP TABLE "ObservationSketchHour";

-- DropTable
DROP TABLE "ScoreSketchHour";

-- CreateTable
CREATE TABLE "TraceRollup" (
    "projectId" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "shard" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT,
    "environment" TEXT NOT NULL,
    "release" TEXT,
    "version" TEXT,
    "models" TEXT,
    "worstLevel" TEXT,
    "count" INTEGER NOT NULL,
    "latencySum" DOUBLE PRECISION NOT NULL,
    "latencyN" INTEGER NOT NULL,
    "latencySketch" TEXT NOT NULL,
    "observationsCountSum" DOUBLE PRECISION NOT NULL,
    "observationsCountN" INTEGER NOT NULL,
    "totalTokensSum" DOUBLE PRECISION NOT NULL,
    "totalTokensN" INTEGER NOT NULL,
    "totalCostSum" DOUBLE PRECISION NOT NULL,
    "totalCostN" INTEGER NOT NULL,

    CONSTRAINT "TraceRollup_pkey" PRIMARY KEY ("projectId","grain","start","shard","key")
);

-- CreateTable
CREATE TABLE "ObservationRollup" (
    "projectId" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "shard" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "traceName" TEXT,
    "type" TEXT NOT NULL,
    "name" TEXT,
    "model" TEXT,
    "level" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "latencySum" DOUBLE PRECISION NOT NULL,
    "latencyN" INTEGER NOT NULL,
    "latencySketch" TEXT NOT NULL,
    "timeToFirstTokenSum" DOUBLE PRECISION NOT NULL,
    "timeToFirstTokenN" INTEGER NOT NULL,
    "timeToFirstTokenSketch" TEXT NOT NULL,
    "inputTokensSum" DOUBLE PRECISION NOT NULL,
    "inputTokensN" INTEGER NOT NULL,
    "outputTokensSum" DOUBLE PRECISION NOT NULL,
    "outputTokensN" INTEGER NOT NULL,
    "totalTokensSum" DOUBLE PRECISION NOT NULL,
    "totalTokensN" INTEGER NOT NULL,
    "inputCostSum" DOUBLE PRECISION NOT NULL,
    "inputCostN" INTEGER NOT NULL,
    "outputCostSum" DOUBLE PRECISION NOT NULL,
    "outputCostN" INTEGER NOT NULL,
    "totalCostSum" DOUBLE PRECISION NOT NULL,
    "totalCostN" INTEGER NOT NULL,

    CONSTRAINT "ObservationRollup_pkey" PRIMARY KEY ("projectId","grain","start","shard","key")
);

-- CreateTable
CREATE TABLE "ScoreRollup" (
    "projectId" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "shard" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "dataType" TEXT NOT NULL,
    "stringValue" TEXT,
    "traceName" TEXT,
    "traceRelease" TEXT,
    "environment" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "valueSum" DOUBLE PRECISION NOT NULL,
    "valueN" INTEGER NOT NULL,
    "valueSketch" TEXT NOT NULL,

    CONSTRAINT "ScoreRollup_pkey" PRIMARY KEY ("projectId","grain","start","shard","key")
);

-- The hour tables are replaced by hour-and-day rollups: every project holding rows is recomputed
-- from its rows by the ROLLUP_BACKFILL job (served from the rows until then).
INSERT INTO "RollupBackfill" ("projectId", "updatedAt")
SELECT "id", CURRENT_TIMESTAMP FROM "Project" AS "p"
WHERE EXISTS (SELECT 1 FROM "Trace" AS "t" WHERE "t"."projectId" = "p"."id")
   OR EXISTS (SELECT 1 FROM "Score" AS "s" WHERE "s"."projectId" = "p"."id")
ON CONFLICT ("projectId") DO UPDATE SET "cursor" = NULL;
