// The bulk half of `npm run bench:traces` (traces-table.ts), per database: multiplies the base Trace and Score
// rows up to N with INSERT ... SELECT and gives the copies the search rows the writer would give them.
//
// Copy k of every base row: id~k, 14 days older per copy, users spread over 8×50 ids, sessions unique per
// copy; columns not named keep their value. The copies are written around the writer (lib/ingest/write.ts), so
// their search rows are made here: the text is the base trace's (search-text.ts, computed once per base trace).
import pg from "pg";
import type { Db } from "../../lib/db/client";
import type { DatabaseTarget } from "../../lib/db/url";
import { KEY_SLOTS } from "../../lib/traces/search-index";
import { traceSearchText } from "../../lib/traces/search-text";

const DAY = 86_400_000;

/** What differs between the databases for the copies: the column list, the series of k, a shifted timestamp. */
interface BulkDialect {
  columns(table: string): Promise<string[]>;
  /** A statement prefix and a FROM item that give the rows "k"."k" = from..to. */
  series(from: number, to: number): { with: string; from: string };
  /** The column moved k × 14 days back (NULL stays NULL). */
  shift(col: string): string;
}

function bulkDialect(db: Db, target: DatabaseTarget): BulkDialect {
  const names = async (sql: string) => (await db.$queryRawUnsafe<{ name: string }[]>(sql)).map((c) => c.name);
  if (target.provider === "postgresql") {
    return {
      columns: (table) =>
        names(`SELECT column_name AS "name" FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = '${table}' ORDER BY ordinal_position`),
      series: (from, to) => ({ with: "", from: `generate_series(${from}, ${to}) AS "k"("k")` }),
      shift: (col) => `"${col}" - ("k"."k" * interval '14 days')`,
    };
  }
  return {
    columns: (table) => names(`SELECT name FROM pragma_table_info('${table}')`),
    series: (from, to) => ({ with: `WITH RECURSIVE "k"("k") AS (SELECT ${from} UNION ALL SELECT "k" + 1 FROM "k" WHERE "k" < ${to})`, from: `"k"` }),
    shift: (col) => `CASE WHEN "${col}" IS NULL THEN NULL ELSE "${col}" - "k"."k" * ${14 * DAY} END`,
  };
}

/** Multiplies the project's base traces (ids without "~") and their scores up to n traces, then their search rows. */
export async function multiplyRows(db: Db, target: DatabaseTarget, project: string, base: number, n: number) {
  const d = bulkDialect(db, target);
  const copies = Math.ceil(n / base) - 1;
  const traceCols = await d.columns("Trace");
  const traceExpr: Record<string, string> = {
    id: `"id" || '~' || "k"."k"`,
    timestamp: d.shift("timestamp"),
    startTime: d.shift("startTime"),
    endTime: d.shift("endTime"),
    userId: `CASE WHEN "userId" IS NULL THEN NULL ELSE "userId" || '~' || ("k"."k" % 50) END`,
    sessionId: `CASE WHEN "sessionId" IS NULL THEN NULL ELSE "sessionId" || '~' || "k"."k" END`,
  };
  const scoreCols = await d.columns("Score");
  const scoreExpr: Record<string, string> = { id: `"id" || '~' || "k"."k"`, traceId: `"traceId" || '~' || "k"."k"`, timestamp: d.shift("timestamp") };
  const q = (c: string) => `"${c}"`;
  const select = (cols: string[], expr: Record<string, string>) => cols.map((c) => expr[c] ?? q(c)).join(", ");
  // Batches of copies so progress shows and each transaction stays moderate.
  for (let from = 1; from <= copies; from += 10) {
    const to = Math.min(copies, from + 9);
    const remaining = n - base - (from - 1) * base;
    const k = d.series(from, to);
    await db.$executeRawUnsafe(
      `INSERT INTO "Trace" (${traceCols.map(q).join(", ")}) ${k.with}
       SELECT ${select(traceCols, traceExpr)} FROM "Trace", ${k.from} WHERE "projectId" = '${project}' AND "id" NOT LIKE '%~%' LIMIT ${remaining}`,
    );
    // Every copy's scores (when n is not a multiple of the base, the last copy's missing traces keep theirs: unread).
    await db.$executeRawUnsafe(
      `INSERT INTO "Score" (${scoreCols.map(q).join(", ")}) ${k.with}
       SELECT ${select(scoreCols, scoreExpr)} FROM "Score", ${k.from} WHERE "projectId" = '${project}' AND "id" NOT LIKE '%~%'`,
    );
    process.stdout.write(`\rmultiplied: copy ${to}/${copies}`);
  }
  const t0 = Date.now();
  const texts = await baseTexts(db, project);
  if (target.provider === "postgresql") await searchRowsPostgres(target.url, project, texts);
  else await searchRowsSqlite(db, project, texts);
  const [{ n: rows }] = await db.$queryRawUnsafe<{ n: unknown }[]>(`SELECT COUNT(*) AS "n" FROM "TraceSearch"`);
  console.log(`\nsearch index: ${Number(rows).toLocaleString()} rows in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

/** The writer's search text of each base trace (search-text.ts); traces without one have no search row. */
async function baseTexts(db: Db, project: string): Promise<[string, string][]> {
  const base = await db.trace.findMany({ where: { projectId: project, id: { not: { contains: "~" } } }, select: { id: true, name: true, input: true, output: true } });
  return base.flatMap((t) => {
    const text = traceSearchText(t.name, t.input, t.output);
    return text === null ? [] : [[t.id, text] as [string, string]];
  });
}

/** SQLite: a key row per copy from its own timestamp (search-index.ts), then its FTS5 text under that key. */
async function searchRowsSqlite(db: Db, project: string, texts: [string, string][]) {
  await db.$executeRawUnsafe(`CREATE TEMP TABLE "bench_text" ("id" TEXT PRIMARY KEY, "text" TEXT NOT NULL)`);
  for (let i = 0; i < texts.length; i += 500) {
    const rows = texts.slice(i, i + 500);
    await db.$executeRawUnsafe(`INSERT INTO "bench_text" VALUES ${rows.map(() => "(?, ?)").join(", ")}`, ...rows.flat());
  }
  const bucket = `MIN(MAX("t"."timestamp", 0), ${Math.floor(Number.MAX_SAFE_INTEGER / KEY_SLOTS) - 1}) * ${KEY_SLOTS}`;
  await db.$executeRawUnsafe(
    `INSERT OR IGNORE INTO "TraceSearch" ("key", "projectId", "traceId")
     SELECT ${bucket} + ROW_NUMBER() OVER (PARTITION BY "t"."timestamp" ORDER BY "t"."id") - 1, "t"."projectId", "t"."id"
     FROM "Trace" "t" JOIN "bench_text" "b" ON "b"."id" = substr("t"."id", 1, instr("t"."id", '~') - 1)
     WHERE "t"."projectId" = '${project}' AND "t"."id" LIKE '%~%'`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "TraceSearchText" ("rowid", "text")
     SELECT "s"."key", "b"."text" FROM "TraceSearch" "s" JOIN "bench_text" "b" ON "b"."id" = substr("s"."traceId", 1, instr("s"."traceId", '~') - 1)
     WHERE "s"."projectId" = '${project}' AND "s"."traceId" LIKE '%~%'`,
  );
}

/**
 * PostgreSQL: a ("projectId", "traceId", "text") row per copy, as indexPostgres writes it, on one connection (the
 * temp table and the session settings are per connection). The GIN trigram index is dropped for the load and
 * built again from its own definition afterwards, in the order the migration builds it (rows, then index).
 */
async function searchRowsPostgres(url: string, project: string, texts: [string, string][]) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`CREATE TEMP TABLE "bench_text" ("id" TEXT PRIMARY KEY, "text" TEXT NOT NULL)`);
    for (let i = 0; i < texts.length; i += 500) {
      const rows = texts.slice(i, i + 500);
      await c.query(`INSERT INTO "bench_text" VALUES ${rows.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(", ")}`, rows.flat());
    }
    const { rows: idx } = await c.query<{ name: string; def: string }>(
      `SELECT indexname AS "name", indexdef AS "def" FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'TraceSearch' AND indexdef LIKE '%gin_trgm_ops%'`,
    );
    for (const i of idx) await c.query(`DROP INDEX "${i.name}"`);
    await c.query(
      `INSERT INTO "TraceSearch" ("projectId", "traceId", "text")
       SELECT "t"."projectId", "t"."id", "b"."text" FROM "Trace" "t" JOIN "bench_text" "b" ON "b"."id" = split_part("t"."id", '~', 1)
       WHERE "t"."projectId" = $1 AND "t"."id" LIKE '%~%'
       ON CONFLICT ("projectId", "traceId") DO NOTHING`,
      [project],
    );
    const t0 = Date.now();
    await c.query(`SET maintenance_work_mem = '256MB'`);
    for (const i of idx) await c.query(i.def);
    console.log(`\nGIN trigram index built in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  } finally {
    await c.end();
  }
}

/**
 * After the bulk load, what a live server's autovacuum would have done by the time anyone reads: PostgreSQL's
 * planner needs statistics (a table never analysed is planned from guesses) and index-only scans need the
 * visibility map (VACUUM). SQLite is left as the app leaves it (no ANALYZE), as the earlier figures were taken.
 */
export async function settle(db: Db, target: DatabaseTarget) {
  if (target.provider !== "postgresql") return;
  const t0 = Date.now();
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Trace", "Score", "TraceSearch"`);
  console.log(`VACUUM ANALYZE in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}
