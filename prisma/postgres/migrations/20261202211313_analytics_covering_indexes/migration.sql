-- CreateIndex
CREATE INDEX "Trace_projectId_timestamp_userId_sessionId_totalCost_totalT_idx" ON "Trace"("projectId", "timestamp", "userId", "sessionId", "totalCost", "totalTokens");
