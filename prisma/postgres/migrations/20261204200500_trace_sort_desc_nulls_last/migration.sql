-- By hand, PostgreSQL only: the traces table sorts by latency and by cost with NULLs last in either direction (as on
-- SQLite: lib/traces/list.ts orderBy). Prisma's ("projectId", col) btrees serve the ascending sorts, but walked
-- backwards they give DESC NULLS FIRST, so a descending sort (the slowest, the costliest first) read and sorted
-- every trace (1.5-1.7 s at 1M traces). These serve the descending ones. Not in models.prisma: Prisma cannot declare
-- NULLS LAST (a later schema diff, which starts from the snapshot, never sees them). No semicolon in these comments:
-- the migration runner splits the script at each one.
CREATE INDEX "Trace_projectId_latencyMs_desc_idx" ON "Trace" ("projectId", "latencyMs" DESC NULLS LAST);
CREATE INDEX "Trace_projectId_totalCost_desc_idx" ON "Trace" ("projectId", "totalCost" DESC NULLS LAST);
