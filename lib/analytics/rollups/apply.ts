// Writes accumulated rollup deltas in the caller's transaction, at its end: one
// INSERT … ON CONFLICT DO UPDATE per rollup row of each grain (the hours the
// write touched and their days), adding counts and sums and merging the sketch
// columns' JSON (bin → count) in SQL (on the SQLite writer's own handle, with
// a JS function registered there: sketch-text.ts mergeSketchText), so the upsert
// itself is the whole update and concurrent writers never read-modify-write. Keys are sorted so concurrent
// writers take row locks in one order (no deadlock). On PostgreSQL each
// transaction writes to one random shard of ROLLUP_SHARDS, so concurrent
// writers of the same hour and key rarely wait on one row until commit; reads
// sum the shards. SQLite has one writer: shard 0.
import type { Dialect } from "../../db/sql";
import type { WriteStore } from "../../ingest/store";
import type { RollupDeltas, RowDelta } from "./deltas";
import { encodeSketch } from "./sketch-text";
import { applySessionSpans } from "./session-spans";
import { bucketColumns, primaryKey, ROLLUP_TABLES, sketchColumn, type RollupKind } from "./tables";

/** PostgreSQL shards per rollup row (LOUPE_ROLLUP_SHARDS, default 8; 1 turns sharding off). */
export function rollupShards(): number {
  const n = Number(process.env.LOUPE_ROLLUP_SHARDS ?? 8);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : 8;
}

function columns(kind: RollupKind) {
  const t = ROLLUP_TABLES[kind];
  return {
    adds: ["count", ...t.measures.flatMap((m) => [`${m}Sum`, `${m}N`])],
    sketches: t.sketched.map(sketchColumn),
    all: [...bucketColumns(t), ...t.dims, "count", ...t.measures.flatMap((m) => [`${m}Sum`, `${m}N`]), ...t.sketched.map(sketchColumn)],
  };
}

/** A row's values in columns(kind).all's order (a plain loop: this runs for every rollup row of every write). */
function values(projectId: string, shard: number, r: RowDelta): unknown[] {
  const t = ROLLUP_TABLES[r.kind];
  const out: unknown[] = t.dayOnly ? [projectId, new Date(r.start), shard, r.key] : [projectId, r.grain, new Date(r.start), shard, r.key];
  for (const d of r.dims) out.push(d);
  out.push(r.count);
  for (let i = 0; i < r.sums.length; i++) out.push(r.sums[i]);
  for (let i = 0; i < t.sketched.length; i++) out.push(encodeSketch(r.sketches[i]));
  return out;
}

/**
 * The merged sketch: per bin the sum of both counts, bins that fell to 0 left out. On the SQLite writer's handle
 * a JS function (sqlite-writer.ts), elsewhere in SQL; there an empty delta (most rows carry no time to first
 * token, say) keeps the stored text without parsing it.
 */
function mergeSketch(d: Dialect, table: string, column: string, withFunction: boolean): string {
  const stored = `"${table}"."${column}"`;
  const delta = `excluded."${column}"`;
  if (withFunction) return `"${column}" = loupe_sketch_merge(${stored}, ${delta})`;
  const merged =
    d.provider === "postgresql"
      ? `(SELECT COALESCE(jsonb_object_agg("j"."b", "j"."c"), '{}'::jsonb)::text FROM (SELECT "e"."key" AS "b", SUM("e"."value"::bigint) AS "c" FROM (SELECT * FROM jsonb_each_text(${stored}::jsonb) UNION ALL SELECT * FROM jsonb_each_text(${delta}::jsonb)) AS "e" GROUP BY "e"."key" HAVING SUM("e"."value"::bigint) <> 0) AS "j")`
      : `(SELECT json_group_object("j"."b", "j"."c") FROM (SELECT "e"."key" AS "b", SUM("e"."value") AS "c" FROM (SELECT "key", "value" FROM json_each(${stored}) UNION ALL SELECT "key", "value" FROM json_each(${delta})) AS "e" GROUP BY "e"."key" HAVING SUM("e"."value") <> 0) AS "j")`;
  return `"${column}" = CASE WHEN ${delta} = '{}' THEN ${stored} WHEN ${stored} = '{}' THEN ${delta} ELSE ${merged} END`;
}

async function upsertAdding(store: WriteStore, kind: RollupKind, rows: unknown[][]) {
  if (!rows.length) return;
  const table = ROLLUP_TABLES[kind].table;
  const cols = columns(kind);
  const sets = [...cols.adds.map((c) => `"${c}" = "${table}"."${c}" + excluded."${c}"`), ...cols.sketches.map((c) => mergeSketch(store.dialect, table, c, !!store.sketchMergeFunction))];
  const conflict = `ON CONFLICT (${primaryKey(ROLLUP_TABLES[kind]).map((c) => `"${c}"`).join(", ")}) DO UPDATE SET ${sets.join(", ")}`;
  await store.insertRows(table, cols.all, rows, conflict);
}

/**
 * Applies hour deltas to the hour rows and, folded by day, to the day rows (a day-only table's, the subject
 * rollup's, to its day rows alone). The rebuild passes its own `dayDeltas` (it rewrites hours whole but must
 * take the old hours out of their days).
 */
export async function applyRollupDeltas(store: WriteStore, projectId: string, hourDeltas: RollupDeltas, dayDeltas: RollupDeltas = hourDeltas): Promise<void> {
  const rows = [...hourDeltas.changed().filter((r) => !ROLLUP_TABLES[r.kind].dayOnly), ...dayDeltas.byDay().changed()];
  if (rows.length) {
    const shard = store.dialect.provider === "postgresql" ? Math.floor(Math.random() * rollupShards()) : 0;
    for (const kind of Object.keys(ROLLUP_TABLES) as RollupKind[]) {
      await upsertAdding(store, kind, rows.filter((r) => r.kind === kind).map((r) => values(projectId, shard, r)));
    }
  }
  // Last, after every rollup table: concurrent writers lock rows table by table, in one order.
  if (hourDeltas.spans) await applySessionSpans(store, projectId, hourDeltas.spans);
}
