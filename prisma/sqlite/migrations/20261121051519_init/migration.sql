-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AuthSession" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Membership" (
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("projectId", "userId"),
    CONSTRAINT "Membership_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "displaySecret" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiKey_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Trace" (
    "projectId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT,
    "timestamp" DATETIME NOT NULL,
    "userId" TEXT,
    "sessionId" TEXT,
    "release" TEXT,
    "version" TEXT,
    "environment" TEXT NOT NULL DEFAULT 'default',
    "tags" JSONB,
    "metadata" JSONB,
    "input" JSONB,
    "output" JSONB,
    "bookmarked" BOOLEAN NOT NULL DEFAULT false,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "startTime" DATETIME,
    "endTime" DATETIME,
    "latencyMs" REAL,
    "observationCount" INTEGER NOT NULL DEFAULT 0,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "warningCount" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "totalTokens" INTEGER NOT NULL DEFAULT 0,
    "totalCost" REAL,
    "models" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("projectId", "id")
);

-- CreateTable
CREATE TABLE "Observation" (
    "projectId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "traceId" TEXT NOT NULL,
    "parentObservationId" TEXT,
    "type" TEXT NOT NULL DEFAULT 'SPAN',
    "name" TEXT,
    "startTime" DATETIME NOT NULL,
    "endTime" DATETIME,
    "completionStartTime" DATETIME,
    "level" TEXT NOT NULL DEFAULT 'DEFAULT',
    "statusMessage" TEXT,
    "version" TEXT,
    "environment" TEXT NOT NULL DEFAULT 'default',
    "input" JSONB,
    "output" JSONB,
    "metadata" JSONB,
    "model" TEXT,
    "modelParameters" JSONB,
    "promptName" TEXT,
    "promptVersion" INTEGER,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "totalTokens" INTEGER,
    "usageDetails" JSONB,
    "inputCost" REAL,
    "outputCost" REAL,
    "totalCost" REAL,
    "costDetails" JSONB,
    "costProvided" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("projectId", "id")
);

-- CreateTable
CREATE TABLE "Session" (
    "projectId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'default',
    "bookmarked" BOOLEAN NOT NULL DEFAULT false,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("projectId", "id")
);

-- CreateTable
CREATE TABLE "Score" (
    "projectId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "traceId" TEXT,
    "observationId" TEXT,
    "sessionId" TEXT,
    "datasetRunId" TEXT,
    "name" TEXT NOT NULL,
    "value" REAL,
    "stringValue" TEXT,
    "dataType" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'API',
    "comment" TEXT,
    "authorUserId" TEXT,
    "configId" TEXT,
    "queueId" TEXT,
    "environment" TEXT NOT NULL DEFAULT 'default',
    "metadata" JSONB,
    "timestamp" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("projectId", "id")
);

-- CreateTable
CREATE TABLE "ScoreConfig" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dataType" TEXT NOT NULL,
    "minValue" REAL,
    "maxValue" REAL,
    "categories" JSONB,
    "description" TEXT,
    "isArchived" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "authorUserId" TEXT,
    "content" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AnnotationQueue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "scoreConfigIds" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "QueueItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "lockedByUserId" TEXT,
    "lockedAt" DATETIME,
    "completedByUserId" TEXT,
    "completedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QueueItem_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "AnnotationQueue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "metadata" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Dataset_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DatasetItem" (
    "projectId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "input" JSONB,
    "expectedOutput" JSONB,
    "metadata" JSONB,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "sourceTraceId" TEXT,
    "sourceObservationId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("projectId", "id"),
    CONSTRAINT "DatasetItem_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DatasetRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "metadata" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DatasetRun_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DatasetRunItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "datasetRunId" TEXT NOT NULL,
    "datasetItemId" TEXT NOT NULL,
    "traceId" TEXT NOT NULL,
    "observationId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DatasetRunItem_datasetRunId_fkey" FOREIGN KEY ("datasetRunId") REFERENCES "DatasetRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DatasetRunItem_projectId_datasetItemId_fkey" FOREIGN KEY ("projectId", "datasetItemId") REFERENCES "DatasetItem" ("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ModelPrice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "modelName" TEXT NOT NULL,
    "matchPattern" TEXT NOT NULL,
    "prices" JSONB NOT NULL,
    "validFrom" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_name_key" ON "Project"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_publicKey_key" ON "ApiKey"("publicKey");

-- CreateIndex
CREATE INDEX "ApiKey_projectId_idx" ON "ApiKey"("projectId");

-- CreateIndex
CREATE INDEX "Trace_projectId_timestamp_idx" ON "Trace"("projectId", "timestamp");

-- CreateIndex
CREATE INDEX "Trace_projectId_sessionId_timestamp_idx" ON "Trace"("projectId", "sessionId", "timestamp");

-- CreateIndex
CREATE INDEX "Trace_projectId_userId_timestamp_idx" ON "Trace"("projectId", "userId", "timestamp");

-- CreateIndex
CREATE INDEX "Trace_projectId_name_timestamp_idx" ON "Trace"("projectId", "name", "timestamp");

-- CreateIndex
CREATE INDEX "Observation_projectId_traceId_startTime_idx" ON "Observation"("projectId", "traceId", "startTime");

-- CreateIndex
CREATE INDEX "Observation_projectId_type_startTime_idx" ON "Observation"("projectId", "type", "startTime");

-- CreateIndex
CREATE INDEX "Observation_projectId_model_idx" ON "Observation"("projectId", "model");

-- CreateIndex
CREATE INDEX "Score_projectId_traceId_idx" ON "Score"("projectId", "traceId");

-- CreateIndex
CREATE INDEX "Score_projectId_observationId_idx" ON "Score"("projectId", "observationId");

-- CreateIndex
CREATE INDEX "Score_projectId_sessionId_idx" ON "Score"("projectId", "sessionId");

-- CreateIndex
CREATE INDEX "Score_projectId_name_timestamp_idx" ON "Score"("projectId", "name", "timestamp");

-- CreateIndex
CREATE UNIQUE INDEX "ScoreConfig_projectId_name_key" ON "ScoreConfig"("projectId", "name");

-- CreateIndex
CREATE INDEX "Comment_projectId_objectType_objectId_idx" ON "Comment"("projectId", "objectType", "objectId");

-- CreateIndex
CREATE UNIQUE INDEX "AnnotationQueue_projectId_name_key" ON "AnnotationQueue"("projectId", "name");

-- CreateIndex
CREATE INDEX "QueueItem_queueId_status_createdAt_idx" ON "QueueItem"("queueId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "QueueItem_queueId_objectType_objectId_key" ON "QueueItem"("queueId", "objectType", "objectId");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_projectId_name_key" ON "Dataset"("projectId", "name");

-- CreateIndex
CREATE INDEX "DatasetItem_datasetId_createdAt_idx" ON "DatasetItem"("datasetId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetRun_datasetId_name_key" ON "DatasetRun"("datasetId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetRunItem_datasetRunId_datasetItemId_key" ON "DatasetRunItem"("datasetRunId", "datasetItemId");

-- CreateIndex
CREATE UNIQUE INDEX "ModelPrice_projectId_modelName_key" ON "ModelPrice"("projectId", "modelName");
