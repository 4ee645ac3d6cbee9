-- AlterTable
ALTER TABLE "DatasetItem" ADD COLUMN     "searchText" TEXT;

-- Items written before this column: their JSON text, lowercased (the writer stores the words alone from now on).
UPDATE "DatasetItem" SET "searchText" = lower(COALESCE(("input")::text, '') || E'\n' || COALESCE(("expectedOutput")::text, ''));
