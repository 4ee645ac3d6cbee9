// The PostgreSQL ingestion writer: its own node-postgres pool per server URL,
// each write one BEGIN … COMMIT on one of its connections. Not a Prisma
// interactive transaction: every statement of one went through Prisma's query
// pipeline, which took half the writer's CPU (in process, 4 writers: 393 → 207
// µs per observation, 2,270 → 3,430 observations/s). The statements are the
// same `sql`-tag objects both databases run (store.ts); values and results are
// converted here as the Prisma adapter converts them, so the write path reads
// the same shapes it read through Prisma.
import { createHash } from "node:crypto";
import pg from "pg";
import { dialectFor } from "../db/sql";
import type { Row, WriteStore } from "./store";

const { types } = pg;

/**
 * DateTime columns are `timestamp(3)` without a time zone holding UTC (Prisma's mapping): a Date goes in as its
 * UTC wall time and comes back read as UTC (node-postgres would use the process's local zone both ways).
 */
function toPg(v: unknown): unknown {
  if (v instanceof Date) return timestampText(v);
  if (Array.isArray(v)) return v.map(toPg);
  return v;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** PostgreSQL's text of a UTC timestamp: years past 9999 in full (no ISO "+" sign), years before 1 as BC. */
export function timestampText(d: Date): string {
  const y = d.getUTCFullYear();
  const ms = d.getUTCMilliseconds();
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ""}`;
  return `${pad(y > 0 ? y : 1 - y, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${time}${y > 0 ? "" : " BC"}`;
}

/** The inverse: PostgreSQL's text of a timestamp without time zone, read as UTC. */
export function parseUtcTimestamp(s: string): Date {
  const m = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?( BC)?$/.exec(s);
  if (!m) return new Date(NaN); // 'infinity' and the like: no JavaScript Date holds them (nor did Prisma's)
  const year = m[8] ? 1 - Number(m[1]) : Number(m[1]);
  const d = new Date(0);
  d.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  d.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0);
  return d;
}

// int8 (COUNT, SUM of integers) as bigint and numeric as text, as Prisma's raw queries give them.
const PARSERS: Record<number, (s: string) => unknown> = {
  [types.builtins.TIMESTAMP]: parseUtcTimestamp,
  [types.builtins.INT8]: (s) => BigInt(s),
  [types.builtins.NUMERIC]: (s) => s,
};
const typeParsers = {
  getTypeParser: ((oid: number, format?: string) =>
    (format ?? "text") === "text" && PARSERS[oid] ? PARSERS[oid] : types.getTypeParser(oid, format as "text")) as typeof types.getTypeParser,
};

/** Connections per server URL for ingestion writes (the pages' Prisma pool is separate: LOUPE_PG_POOL). */
const POOL_SIZE = Number(process.env.LOUPE_PG_WRITE_POOL ?? 6);

function poolFor(url: string): pg.Pool {
  const g = globalThis as unknown as { loupePgWriters?: Map<string, pg.Pool> };
  const pools = (g.loupePgWriters ??= new Map());
  let pool = pools.get(url);
  if (!pool) {
    // allowExitOnIdle: idle connections do not keep a script or test process alive.
    pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, types: typeParsers, allowExitOnIdle: true });
    // An idle connection the server dropped: the pool discards it; nothing to do here but not crash.
    pool.on("error", () => undefined);
    pools.set(url, pool);
  }
  return pool;
}

const dialect = dialectFor("postgresql");

/** Each column's type (`format_type`), per server URL and table, read from the catalog once. */
const columnTypes = new Map<string, Promise<Map<string, string>>>();
function typesOf(url: string, conn: pg.PoolClient, table: string): Promise<Map<string, string>> {
  const key = `${url}\n${table}`;
  let types = columnTypes.get(key);
  if (!types) {
    types = conn
      .query<{ name: string; type: string }>(
        `SELECT "attname" AS "name", format_type("atttypid", "atttypmod") AS "type" FROM "pg_attribute" WHERE "attrelid" = $1::regclass AND "attnum" > 0 AND NOT "attisdropped"`,
        [`"${table}"`],
      )
      .then((r) => new Map(r.rows.map((c) => [c.name, c.type])));
    types.catch(() => columnTypes.delete(key));
    columnTypes.set(key, types);
  }
  return types;
}

/** Runs `fn` in one transaction on a connection of the writer pool for `url`: committed if it resolves, rolled back if it throws. */
export async function withPgWrite<T>(url: string, fn: (store: WriteStore) => Promise<T>): Promise<T> {
  const conn = await poolFor(url).connect();
  let broken = false;
  try {
    await conn.query("BEGIN");
    const store: WriteStore = {
      dialect,
      query: async (q) => (await conn.query<Row>(q.text, q.values.map(toPg))).rows,
      exec: async (q) => {
        await conn.query(q.text, q.values.map(toPg));
      },
      insertRows: async (table, cols, rows, tail) => {
        if (!rows.length) return;
        const types = await typesOf(url, conn, table);
        const arrays = cols.map((c, i) => {
          const t = types.get(c);
          if (!t) throw new Error(`insertRows: ${table} has no column ${c}`);
          return `$${i + 1}::${t}[]`;
        });
        const text = `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) SELECT * FROM unnest(${arrays.join(", ")}) ${tail}`;
        const values = cols.map((_, j) => rows.map((r) => toPg(r[j])));
        await conn.query({ name: statementName(text), text, values });
      },
    };
    const out = await fn(store);
    await conn.query("COMMIT");
    return out;
  } catch (err) {
    try {
      await conn.query("ROLLBACK");
    } catch {
      broken = true; // the connection is gone: the server rolled back; the pool must not reuse it
    }
    throw err;
  } finally {
    conn.release(broken);
  }
}

const names = new Map<string, string>();
/** A prepared statement's name for a text: the same on every connection, so each prepares it once. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `loupe_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`));
  return name;
}
