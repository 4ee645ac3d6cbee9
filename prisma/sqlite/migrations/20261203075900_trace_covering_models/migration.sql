-- By hand, SQLite only: the traces' covering index for the dashboard's subject queries (cost by user, top users,
-- top sessions) also holds the trace's model set, so a model filter over a range is answered from the index
-- alone instead of one table look-up per trace in range (2M traces, 30 days, one model: cost by user 528 / 639 →
-- 242 / 270 ms, top users 602 / 664 → 223 / 236, top sessions 497 / 507 → 213 / 225, p50 / p95).
-- Same name and the same leading columns as Prisma's index (models.prisma), so every query that used it still
-- does and a later schema diff that drops it still finds it. Not on PostgreSQL: a btree entry there is limited
-- to ~2.7 KB, and a trace's model list may be longer (up to 1,000 characters per model).
DROP INDEX "Trace_projectId_timestamp_userId_sessionId_totalCost_totalTokens_idx";
CREATE INDEX "Trace_projectId_timestamp_userId_sessionId_totalCost_totalTokens_idx" ON "Trace"("projectId", "timestamp", "userId", "sessionId", "totalCost", "totalTokens", "models");
