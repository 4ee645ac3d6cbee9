-- CreateTable
CREATE TABLE "TraceMetricHour" (
    "projectId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
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
    "observationsCountSum" REAL NOT NULL,
    "observationsCountN" INTEGER NOT NULL,
    "totalTokensSum" REAL NOT NULL,
    "totalTokensN" INTEGER NOT NULL,
    "totalCostSum" REAL NOT NULL,
    "totalCostN" INTEGER NOT NULL,

    PRIMARY KEY ("projectId", "hour", "shard", "key")
);

-- CreateTable
CREATE TABLE "ObservationMetricHour" (
    "projectId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
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
    "timeToFirstTokenSum" REAL NOT NULL,
    "timeToFirstTokenN" INTEGER NOT NULL,
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

    PRIMARY KEY ("projectId", "hour", "shard", "key")
);

-- CreateTable
CREATE TABLE "ScoreMetricHour" (
    "projectId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
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

    PRIMARY KEY ("projectId", "hour", "shard", "key")
);

-- CreateTable
CREATE TABLE "TraceSketchHour" (
    "projectId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "shard" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "name" TEXT,
    "environment" TEXT NOT NULL,
    "release" TEXT,
    "version" TEXT,
    "models" TEXT,
    "worstLevel" TEXT,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("projectId", "measure", "hour", "shard", "key", "bin")
);

-- CreateTable
CREATE TABLE "ObservationSketchHour" (
    "projectId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "shard" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "traceName" TEXT,
    "type" TEXT NOT NULL,
    "name" TEXT,
    "model" TEXT,
    "level" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("projectId", "measure", "hour", "shard", "key", "bin")
);

-- CreateTable
CREATE TABLE "ScoreSketchHour" (
    "projectId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "shard" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "bin" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "dataType" TEXT NOT NULL,
    "stringValue" TEXT,
    "traceName" TEXT,
    "traceRelease" TEXT,
    "environment" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("projectId", "measure", "hour", "shard", "key", "bin")
);

-- CreateTable
CREATE TABLE "RollupBackfill" (
    "projectId" TEXT NOT NULL PRIMARY KEY,
    "cursor" DATETIME,
    "until" DATETIME,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Projects whose rows predate the rollups are served from rows until the backfill job has run.
INSERT INTO "RollupBackfill" ("projectId", "updatedAt")
SELECT "id", CAST(strftime('%s', 'now') AS INTEGER) * 1000 FROM "Project" AS "p"
WHERE EXISTS (SELECT 1 FROM "Trace" AS "t" WHERE "t"."projectId" = "p"."id")
   OR EXISTS (SELECT 1 FROM "Score" AS "s" WHERE "s"."projectId" = "p"."id");
