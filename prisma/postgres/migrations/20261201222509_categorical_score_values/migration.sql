-- Data only (no schema change): categorical scores stored before their number
-- was kept get it from the categories of their score config (label -> value).
UPDATE "Score" AS "s" SET "value" = ("c" ->> 'value')::double precision
FROM (SELECT "id", "categories" FROM "ScoreConfig" WHERE jsonb_typeof("categories") = 'array') AS "sc",
  jsonb_array_elements("sc"."categories") AS "c"
WHERE "sc"."id" = "s"."configId" AND "c" ->> 'label' = "s"."stringValue"
  AND "s"."dataType" = 'CATEGORICAL' AND "s"."value" IS NULL;
