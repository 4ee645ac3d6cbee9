-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "TraceMetricHour";
PRAGMA foreign_keys=on;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "ObservationMetricHour";
PRAGMA foreign_keys=on;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "ScoreMetricHour";
PRAGMA foreign_keys=on;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "TraceSketchHour";
PRAGMA foreign_keys=on;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "ObservationSketchHour";
PRAGMA foreign_keys=on;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "ScoreSketchHour";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "TraceRollup" (
    "projectId" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "shard" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT,
    "environment" TEXT NOT NULL,
    "release" TEXT,
    "version" TEXT,
    "models" TEXT,
    "worstLevel" TEXT,
    "count" INTEGER NOT NULL,
    "latencySum" REAL NOT NULL,
    "latencyN" INTEGER NOT NULL,
    "latencySketch" TEXT NOT NULL,
    "observationsCountSum" REAL NOT NULL,
    "observationsCountN" INTEGER NOT NULL,
    "totalTokensSum" REAL NOT NULL,
    "totalTokensN" INTEGER NOT NULL,
    "totalCostSum" REAL NOT NULL,
    "totalCostN" INTEGER NOT NULL,

    PRIMARY KEY ("projectId", "grain", "start", "shard", "key")
);

-- CreateTable
CREATE TABLE "ObservationRollup" (
    "projectId" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "shard" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "traceName" TEXT,
    "type" TEXT NOT NULL,
    "name" TEXT,
    "model" TEXT,
    "level" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "latencySum" REAL NOT NULL,
    "latencyN" INTEGER NOT NULL,
    "latencySketch" TEXT NOT NULL,
    "timeToFirstTokenSum" REAL NOT NULL,
    "timeToFirstTokenN" INTEGER NOT NULL,
    "timeToFirstTokenSketch" TEXT NOT NULL,
    "inputTokensSum" REAL NOT NULL,
    "inputTokensN" INTEGER NOT NULL,
    "outputTokensSum" REAL NOT NULL,
    "outputTokensN" INTEGER NOT NULL,
    "totalTokensSum" REAL NOT NULL,
    "totalTokensN" INTEGER NOT NULL,
    "inputCostSum" REAL NOT NULL,
    "inputCostN" INTEGER NOT NULL,
    "outputCostSum" REAL NOT NULL,
    "outputCostN" INTEGER NOT NULL,
    "totalCostSum" REAL NOT NULL,
    "totalCostN" INTEGER NOT NULL,

    PRIMARY KEY ("projectId", "grain", "start", "shard", "key")
);

-- CreateTable
CREATE TABLE "ScoreRollup" (
    "projectId" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
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
    "valueSum" REAL NOT NULL,
    "valueN" INTEGER NOT NULL,
    "valueSketch" TEXT NOT NULL,

    PRIMARY KEY ("projectId", "grain", "start", "shard", "key")
);

-- The hour tables are replaced by hour-and-day rollups: every project holding rows is recomputed
-- from its rows by the ROLLUP_BACKFILL job (served from the rows until then).
INSERT INTO "RollupBackfill" ("projectId", "updatedAt")
SELECT "id", CURRENT_TIMESTAMP FROM "Project" AS "p"
WHERE EXISTS (SELECT 1 FROM "Trace" AS "t" WHERE "t"."projectId" = "p"."id")
   OR EXISTS (SELECT 1 FROM "Score" AS "s" WHERE "s"."projectId" = "p"."id")
ON CONFLICT ("projectId") DO UPDATE SET "cursor" = NULL;
