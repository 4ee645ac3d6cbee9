-- By hand, PostgreSQL only: the search rows lose their foreign key to Trace (deleteTraces deletes them with their
-- traces instead, lib/traces/delete.ts). The key's insert check is a query PostgreSQL plans once per connection and
-- keeps: planned while the tables were empty and without statistics (a new database, or autovacuum off), it read
-- the trace through an index on "projectId" alone, so every search row written scanned the project's traces
-- (ingestion fell from ~2,900 to under 1,000 observations/s by 40,000 traces, and on). Only the writer writes these
-- rows, in the transaction that writes their trace, so the check never refused one. No semicolon in these
-- comments: the migration runner splits the script at each one.
ALTER TABLE "TraceSearch" DROP CONSTRAINT IF EXISTS "TraceSearch_trace_fkey";
