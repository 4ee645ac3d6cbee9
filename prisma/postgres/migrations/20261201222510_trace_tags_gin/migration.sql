-- PostgreSQL only, written by hand: the Prisma schema cannot declare a GIN index
-- for both providers. The tags filter (traces table, GET /api/public/traces with
-- tags, scores with traceTags) tests tags @> a one-element array, which this index
-- answers instead of reading every trace. SQLite pre-filters with instr() on the
-- short tags text.
CREATE INDEX IF NOT EXISTS "Trace_tags_gin_idx" ON "Trace" USING GIN ("tags" jsonb_path_ops);
