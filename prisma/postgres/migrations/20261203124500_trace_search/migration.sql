-- By hand, PostgreSQL only (lib/traces/search-index.ts, search.ts): the traces search index. Not in models.prisma
-- (Prisma cannot declare a gin_trgm_ops index), so no generated migration ever sees or drops these objects.
-- The writer's words-only text of a trace (search-text.ts) under a trigram GIN index: `text LIKE '%abc%'` is
-- answered from the index for terms of 3 characters or more. Deleted with its trace by the foreign key.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE "TraceSearch" (
    "projectId" TEXT NOT NULL,
    "traceId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "TraceSearch_pkey" PRIMARY KEY ("projectId", "traceId"),
    CONSTRAINT "TraceSearch_trace_fkey" FOREIGN KEY ("projectId", "traceId") REFERENCES "Trace"("projectId", "id") ON DELETE CASCADE
);
-- Traces stored before this migration: their JSON text stands in for the words-only text until the trace is next
-- written: the same words are found, JSON punctuation aside.
INSERT INTO "TraceSearch" ("projectId", "traceId", "text")
SELECT "projectId", "id", lower(concat_ws(E'\n', "name", left("input"::text, 4096), left("output"::text, 4096)))
FROM "Trace" WHERE "name" IS NOT NULL OR "input" IS NOT NULL OR "output" IS NOT NULL;
CREATE INDEX "TraceSearch_text_trgm_idx" ON "TraceSearch" USING GIN ("text" gin_trgm_ops);
