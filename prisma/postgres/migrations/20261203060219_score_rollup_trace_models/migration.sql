-- AlterTable
ALTER TABLE "ScoreRollup" ADD COLUMN     "traceModels" TEXT;

-- Score rollups gain a key column: recomputed from the rows by the ROLLUP_BACKFILL job (served from the rows until then).
DELETE FROM "ScoreRollup";
INSERT INTO "RollupBackfill" ("projectId", "updatedAt")
SELECT "id", CURRENT_TIMESTAMP FROM "Project" AS "p"
WHERE EXISTS (SELECT 1 FROM "Trace" AS "t" WHERE "t"."projectId" = "p"."id")
   OR EXISTS (SELECT 1 FROM "Score" AS "s" WHERE "s"."projectId" = "p"."id")
ON CONFLICT ("projectId") DO UPDATE SET "cursor" = NULL;
