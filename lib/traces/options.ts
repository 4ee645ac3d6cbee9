// Distinct values for the table's filter pickers and score columns. A
// "loose index scan" (recursive CTE hopping to the next distinct value) reads
// one index entry per distinct name instead of every row: milliseconds on a
// million traces, on SQLite and PostgreSQL alike.
import type { Db } from "../db/client";

const MAX_OPTIONS = 200;

/** Distinct trace names of a project (index Trace(projectId, name, timestamp)). */
export async function traceNames(client: Db, projectId: string): Promise<string[]> {
  const rows = await client.$queryRaw<{ v: string | null }[]>`
    WITH RECURSIVE "n"("v", "k") AS (
      SELECT (SELECT MIN("name") FROM "Trace" WHERE "projectId" = ${projectId} AND "name" IS NOT NULL), 1
      UNION ALL
      SELECT (SELECT MIN("name") FROM "Trace" WHERE "projectId" = ${projectId} AND "name" > "n"."v"), "n"."k" + 1
      FROM "n" WHERE "n"."v" IS NOT NULL AND "n"."k" < ${MAX_OPTIONS}
    )
    SELECT "v" FROM "n" WHERE "v" IS NOT NULL`;
  return rows.map((r) => r.v!);
}

/**
 * Distinct score names of a project (index Score(projectId, name, timestamp)),
 * trace-level or not. Corrections are not score columns: "output" is listed only
 * when a real score has that name (the hop reads past the corrections of it).
 */
export async function scoreNames(client: Db, projectId: string): Promise<string[]> {
  const rows = await client.$queryRaw<{ v: string | null }[]>`
    WITH RECURSIVE "n"("v", "k") AS (
      SELECT (SELECT MIN("name") FROM "Score" WHERE "projectId" = ${projectId} AND "dataType" <> 'CORRECTION'), 1
      UNION ALL
      SELECT (SELECT MIN("name") FROM "Score" WHERE "projectId" = ${projectId} AND "name" > "n"."v" AND "dataType" <> 'CORRECTION'), "n"."k" + 1
      FROM "n" WHERE "n"."v" IS NOT NULL AND "n"."k" < ${MAX_OPTIONS}
    )
    SELECT "v" FROM "n" WHERE "v" IS NOT NULL`;
  return rows.map((r) => r.v!);
}
