-- DropIndex
DROP INDEX "Score_projectId_traceId_idx";

-- DropIndex
DROP INDEX "Score_projectId_observationId_idx";

-- DropIndex
DROP INDEX "Score_projectId_sessionId_idx";

-- CreateIndex
CREATE INDEX "Observation_projectId_startTime_idx" ON "Observation"("projectId", "startTime");

-- CreateIndex
CREATE INDEX "Observation_projectId_name_startTime_idx" ON "Observation"("projectId", "name", "startTime");

-- CreateIndex
CREATE INDEX "Observation_projectId_type_name_startTime_idx" ON "Observation"("projectId", "type", "name", "startTime");

-- CreateIndex
CREATE INDEX "Observation_projectId_level_startTime_idx" ON "Observation"("projectId", "level", "startTime");

-- CreateIndex
CREATE INDEX "Observation_projectId_environment_startTime_idx" ON "Observation"("projectId", "environment", "startTime");

-- CreateIndex
CREATE INDEX "Observation_projectId_version_startTime_idx" ON "Observation"("projectId", "version", "startTime");

-- CreateIndex
CREATE INDEX "Observation_projectId_parentObservationId_startTime_idx" ON "Observation"("projectId", "parentObservationId", "startTime");

-- CreateIndex
CREATE INDEX "Session_projectId_createdAt_idx" ON "Session"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "Session_projectId_environment_createdAt_idx" ON "Session"("projectId", "environment", "createdAt");

-- CreateIndex
CREATE INDEX "Score_projectId_traceId_timestamp_idx" ON "Score"("projectId", "traceId", "timestamp");

-- CreateIndex
CREATE INDEX "Score_projectId_observationId_timestamp_idx" ON "Score"("projectId", "observationId", "timestamp");

-- CreateIndex
CREATE INDEX "Score_projectId_sessionId_timestamp_idx" ON "Score"("projectId", "sessionId", "timestamp");

-- CreateIndex
CREATE INDEX "Score_projectId_timestamp_idx" ON "Score"("projectId", "timestamp");

-- CreateIndex
CREATE INDEX "Score_projectId_source_timestamp_idx" ON "Score"("projectId", "source", "timestamp");

-- CreateIndex
CREATE INDEX "Score_projectId_dataType_timestamp_idx" ON "Score"("projectId", "dataType", "timestamp");

-- CreateIndex
CREATE INDEX "Score_projectId_configId_timestamp_idx" ON "Score"("projectId", "configId", "timestamp");

-- CreateIndex
CREATE INDEX "Score_projectId_queueId_timestamp_idx" ON "Score"("projectId", "queueId", "timestamp");

-- CreateIndex
CREATE INDEX "Score_projectId_environment_timestamp_idx" ON "Score"("projectId", "environment", "timestamp");

-- CreateIndex
CREATE INDEX "Score_projectId_datasetRunId_timestamp_idx" ON "Score"("projectId", "datasetRunId", "timestamp");
