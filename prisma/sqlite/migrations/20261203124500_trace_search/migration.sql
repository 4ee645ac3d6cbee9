-- By hand, SQLite only (lib/traces/search-index.ts, search.ts): the traces search index. Not in models.prisma
-- (Prisma knows no virtual tables), so no generated migration ever sees or drops these objects.
-- "TraceSearch" maps a trace to an integer key: its timestamp in ms × 2048 plus a slot, so walking the index by key
-- DESC is walking the traces newest first. Not Trace's own rowid: a table with a TEXT primary key may renumber
-- its rowids on VACUUM.
CREATE TABLE "TraceSearch" (
    "key" INTEGER NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "traceId" TEXT NOT NULL
);
CREATE UNIQUE INDEX "TraceSearch_projectId_traceId_key" ON "TraceSearch"("projectId", "traceId");
-- Contentless (the text is not stored twice), deletable, trigram: `MATCH '"abc"'` is an exact, case-insensitive
-- substring test answered from the index for terms of 3 characters or more.
CREATE VIRTUAL TABLE "TraceSearchText" USING fts5("text", tokenize = 'trigram', content = '', contentless_delete = 1);
-- Traces stored before this migration: their JSON text stands in for the writer's words-only text (search-text.ts)
-- until the trace is next written: the same words are found, JSON punctuation aside.
INSERT INTO "TraceSearch" ("key", "projectId", "traceId")
SELECT MIN(MAX("timestamp", 0), 4398046511102) * 2048
         + ROW_NUMBER() OVER (PARTITION BY MIN(MAX("timestamp", 0), 4398046511102) ORDER BY "projectId", "id") - 1,
       "projectId", "id"
FROM "Trace" WHERE "name" IS NOT NULL OR "input" IS NOT NULL OR "output" IS NOT NULL;
INSERT INTO "TraceSearchText" ("rowid", "text")
SELECT "s"."key", lower(coalesce("t"."name", '') || char(10) || substr(coalesce(CAST("t"."input" AS TEXT), ''), 1, 4096)
         || char(10) || substr(coalesce(CAST("t"."output" AS TEXT), ''), 1, 4096))
FROM "TraceSearch" "s" JOIN "Trace" "t" ON "t"."projectId" = "s"."projectId" AND "t"."id" = "s"."traceId";
-- Whoever deletes a trace (deleteTraces, retention, a project's deletion) deletes its search row, and with it the text.
CREATE TRIGGER "Trace_search_delete" AFTER DELETE ON "Trace" BEGIN
    DELETE FROM "TraceSearch" WHERE "projectId" = old."projectId" AND "traceId" = old."id";
END;
CREATE TRIGGER "TraceSearch_text_delete" AFTER DELETE ON "TraceSearch" BEGIN
    DELETE FROM "TraceSearchText" WHERE "rowid" = old."key";
END;
