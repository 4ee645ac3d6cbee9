-- CreateTable
CREATE TABLE "TraceMetricHour" (
    "projectId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
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
    "observationsCountSum" DOUBLE PRECISION NOT NULL,
    "observationsCountN" INTEGER NOT NULL,
    "totalTokensSum" DOUBLE PRECISION NOT NULL,
    "totalTokensN" INTEGER NOT NULL,
    "totalCostSum" DOUBLE PRECISION NOT NULL,
    "totalCostN" INTEGER NOT NULL,

    CONSTRAINT "TraceMetricHour_pkey" PRIMARY KEY ("projectId","hour","shard","key")
);

-- CreateTable
CREATE TABLE "ObservationMetricHour" (
    "projectId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
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
    "timeToFirstTokenSum" DOUBLE PRECISION NOT NULL,
    "timeToFirstTokenN" INTEGER NOT NULL,
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

    CONSTRAINT "ObservationMetricHour_pkey" PRIMARY KEY ("projectId","hour","shard","key")
);

-- CreateTable
CREATE TABLE "ScoreMetricHour" (
    "projectId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
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

    CONSTRAINT "ScoreMetricHour_pkey" PRIMARY KEY ("projectId","hour","shard","key")
);

-- CreateTable
CREATE TABLE "TraceSketchHour" (
    "projectId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
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

    CONSTRAINT "TraceSketchHour_pkey" PRIMARY KEY ("projectId","measure","hour","shard","key","bin")
);

-- CreateTable
CREATE TABLE "ObservationSketchHour" (
    "projectId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
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

    CONSTRAINT "ObservationSketchHour_pkey" PRIMARY KEY ("projectId","measure","hour","shard","key","bin")
);

-- CreateTable
CREATE TABLE "ScoreSketchHour" (
    "projectId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
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

    CONSTRAINT "ScoreSketchHour_pkey" PRIMARY KEY ("projectId","measure","hour","shard","key","bin")
);

-- CreateTable
CREATE TABLE "RollupBackfill" (
    "projectId" TEXT NOT NULL,
    "cursor" TIMESTAMP(3),
    "until" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RollupBackfill_pkey" PRIMARY KEY ("projectId")
);

-- Projects whose rows predate the rollups are served from rows until the backfill job has run.
INSERT INTO "RollupBackfill" ("projectId", "updatedAt")
SELECT "id", CURRENT_TIMESTAMP FROM "Project" AS "p"
WHERE EXISTS (SELECT 1 FROM "Trace" AS "t" WHERE "t"."projectId" = "p"."id")
   OR EXISTS (SELECT 1 FROM "Score" AS "s" WHERE "s"."projectId" = "p"."id");
