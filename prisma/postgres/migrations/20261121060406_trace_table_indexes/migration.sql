-- DropIndex
DROP INDEX "Trace_projectId_timestamp_idx";

-- CreateIndex
CREATE INDEX "Trace_projectId_timestamp_errorCount_warningCount_idx" ON "Trace"("projectId", "timestamp", "errorCount", "warningCount");

-- CreateIndex
CREATE INDEX "Trace_projectId_bookmarked_timestamp_idx" ON "Trace"("projectId", "bookmarked", "timestamp");

-- CreateIndex
CREATE INDEX "Trace_projectId_latencyMs_idx" ON "Trace"("projectId", "latencyMs");

-- CreateIndex
CREATE INDEX "Trace_projectId_totalCost_idx" ON "Trace"("projectId", "totalCost");
