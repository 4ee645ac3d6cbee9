-- DropIndex
DROP INDEX "Project_name_key";

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "createdById" TEXT;

-- Backfill: a project's creator is its earliest owner (names were unique server-wide, so no pair collides)
UPDATE "Project" SET "createdById" = (
  SELECT m."userId" FROM "Membership" m
  WHERE m."projectId" = "Project"."id" AND m."role" = 'owner'
  ORDER BY m."createdAt" ASC, m."userId" ASC LIMIT 1
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_createdById_name_key" ON "Project"("createdById", "name");
