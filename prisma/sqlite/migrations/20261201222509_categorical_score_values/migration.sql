-- Data only (no schema change): categorical scores stored before their number
-- was kept get it from the categories of their score config (label -> value).
UPDATE "Score" SET "value" = (
  SELECT json_extract("c"."value", '$.value')
  FROM "ScoreConfig" AS "sc", json_each("sc"."categories") AS "c"
  WHERE "sc"."id" = "Score"."configId" AND json_extract("c"."value", '$.label') = "Score"."stringValue"
  LIMIT 1
)
WHERE "dataType" = 'CATEGORICAL' AND "value" IS NULL AND "configId" IS NOT NULL AND "stringValue" IS NOT NULL;
