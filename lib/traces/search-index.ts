// Keeping the traces search index current, inside the ingestion write's
// transaction: only the traces whose indexed text (search-text.ts) or
// timestamp changed are touched, so the usual updates (rollups, observations
// arriving) cost one string comparison per trace and no statement.
//
// SQLite: "TraceSearch" maps (projectId, traceId) to an integer key and the
// contentless FTS5 table "TraceSearchText" (trigram tokenizer) indexes the text
// under that key. The key is the trace's timestamp in ms × 2048 plus a slot, so
// the index walked by key DESC is the traces newest first: the table's default
// sort is answered by walking the index and stopping (search.ts). A trigger
// deletes a trace's search row with the trace, whoever deletes it.
// PostgreSQL: "TraceSearch"."text" under a GIN gin_trgm_ops index; deleteTraces
// deletes the rows with their traces (no foreign key: its check's plan, cached
// per connection while the tables were empty, scanned the project's traces for
// every search row written; migration 20261207150000).
import { sql } from "../db/sql";
import type { TraceRow } from "../ingest/rows";
import type { WriteStore } from "../ingest/store";
import { traceSearchText } from "./search-text";

/** Slots per millisecond in a SQLite search key. */
export const KEY_SLOTS = 2048;
// Keys stay exact JavaScript numbers (< 2^53) for timestamps up to the year 2109; later (or pre-1970) ones are clamped.
const MAX_MS = Math.floor(Number.MAX_SAFE_INTEGER / KEY_SLOTS) - 1;

/** The first key of a timestamp's millisecond. */
export function keyBucket(ms: number): number {
  return Math.min(Math.max(ms, 0), MAX_MS) * KEY_SLOTS;
}

type Indexed = Pick<TraceRow, "id" | "timestamp" | "name" | "input" | "output">;

/** Rewrites the search rows of the traces whose text or timestamp changed. */
export async function indexTraceSearch(store: WriteStore, projectId: string, prev: ReadonlyMap<string, Indexed>, next: Indexed[]) {
  const changed: { id: string; ms: number; text: string | null }[] = [];
  for (const row of next) {
    const before = prev.get(row.id);
    const text = traceSearchText(row.name, row.input, row.output);
    const beforeText = before ? traceSearchText(before.name, before.input, before.output) : null;
    if (text === beforeText && (text === null || before?.timestamp.getTime() === row.timestamp.getTime())) continue;
    changed.push({ id: row.id, ms: row.timestamp.getTime(), text });
  }
  if (!changed.length) return;
  if (store.dialect.provider === "postgresql") return indexPostgres(store, projectId, changed);
  for (const c of changed) await indexSqlite(store, projectId, c);
}

async function indexSqlite(store: WriteStore, projectId: string, c: { id: string; ms: number; text: string | null }) {
  const [old] = await store.query(sql`SELECT "key" FROM "TraceSearch" WHERE "projectId" = ${projectId} AND "traceId" = ${c.id}`);
  const oldKey = old ? Number(old.key) : undefined;
  const bucket = keyBucket(c.ms);
  if (oldKey !== undefined && c.text !== null && oldKey >= bucket && oldKey < bucket + KEY_SLOTS) {
    // Same millisecond: keep the key, replace the text.
    await store.exec(sql`DELETE FROM "TraceSearchText" WHERE "rowid" = ${oldKey}`);
    await store.exec(sql`INSERT INTO "TraceSearchText" ("rowid", "text") VALUES (${oldKey}, ${c.text})`);
    return;
  }
  // The trigger on "TraceSearch" deletes the old key's text.
  if (oldKey !== undefined) await store.exec(sql`DELETE FROM "TraceSearch" WHERE "key" = ${oldKey}`);
  if (c.text === null) return;
  const key = await freeKey(store, bucket);
  await store.exec(sql`INSERT INTO "TraceSearch" ("key", "projectId", "traceId") VALUES (${key}, ${projectId}, ${c.id})`);
  await store.exec(sql`INSERT INTO "TraceSearchText" ("rowid", "text") VALUES (${key}, ${c.text})`);
}

/**
 * The next slot of the millisecond; in a full one (2048 traces) a free slot in it, else the first free key after it
 * (the trace then sits in a later millisecond of the index walk, so a newest-first search page next to it may
 * miss it: a stated limit, rather than refusing the write).
 */
async function freeKey(store: WriteStore, bucket: number): Promise<number> {
  const last = bucket + KEY_SLOTS - 1;
  const [top] = await store.query(sql`SELECT MAX("key") AS "k" FROM "TraceSearch" WHERE "key" BETWEEN ${bucket} AND ${last}`);
  const max = top?.k === null || top?.k === undefined ? undefined : Number(top.k);
  if (max === undefined) return bucket;
  if (max < last) return max + 1;
  if (!(await store.query(sql`SELECT 1 FROM "TraceSearch" WHERE "key" = ${bucket}`)).length) return bucket;
  const [gap] = await store.query(sql`
    SELECT "s"."key" + 1 AS "k" FROM "TraceSearch" "s"
    WHERE "s"."key" >= ${bucket} AND NOT EXISTS (SELECT 1 FROM "TraceSearch" "n" WHERE "n"."key" = "s"."key" + 1)
    ORDER BY "s"."key" LIMIT 1`);
  return Number(gap.k);
}

async function indexPostgres(store: WriteStore, projectId: string, changed: { id: string; text: string | null }[]) {
  const gone = changed.filter((c) => c.text === null).map((c) => c.id);
  if (gone.length) await store.exec(sql`DELETE FROM "TraceSearch" WHERE "projectId" = ${projectId} AND "traceId" = ANY(${gone}::text[])`);
  const rows = changed.filter((c) => c.text !== null).map((c) => [projectId, c.id, c.text]);
  if (rows.length) await store.insertRows("TraceSearch", ["projectId", "traceId", "text"], rows, `ON CONFLICT ("projectId", "traceId") DO UPDATE SET "text" = excluded."text"`);
}
