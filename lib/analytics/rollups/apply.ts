// Writes accumulated rollup deltas in the caller's transaction, at its end: one
// INSERT … ON CONFLICT DO UPDATE adding the delta per rollup row and sketch bin,
// keys sorted so concurrent writers take row locks in one order (no deadlock).
// On PostgreSQL each transaction writes to one random shard of ROLLUP_SHARDS,
// so concurrent writers of the same hour and key rarely wait on one row until
// commit; reads sum the shards. SQLite has one writer: shard 0.
import { ident, join, raw, sql, type Sql } from "../../db/sql";
import type { WriteStore } from "../../ingest/store";
import type { RollupDeltas, RowDelta, SketchDelta } from "./contrib";
import { ROLLUP_TABLES, type RollupKind } from "./tables";

/** PostgreSQL shards per rollup row (LOUPE_ROLLUP_SHARDS, default 8; 1 turns sharding off). */
export function rollupShards(): number {
  const n = Number(process.env.LOUPE_ROLLUP_SHARDS ?? 8);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : 8;
}

const CHUNK = 200;

function rowColumns(kind: RollupKind) {
  const t = ROLLUP_TABLES[kind];
  return { key: ["projectId", "hour", "shard", "key"], dims: [...t.dims], adds: ["count", ...t.measures.flatMap((m) => [`${m}Sum`, `${m}N`])] };
}

function rowValues(projectId: string, shard: number, r: RowDelta): unknown[] {
  const t = ROLLUP_TABLES[r.kind];
  return [projectId, new Date(r.hour), shard, r.key, ...r.dims, r.count, ...t.measures.flatMap((m) => r.sums[m])];
}

function sketchColumns(kind: RollupKind) {
  return { key: ["projectId", "measure", "hour", "shard", "key", "bin"], dims: [...ROLLUP_TABLES[kind].dims], adds: ["count"] };
}

function sketchValues(projectId: string, shard: number, s: SketchDelta): unknown[] {
  return [projectId, s.measure, new Date(s.hour), shard, s.key, s.bin, ...s.dims, s.count];
}

async function upsertAdding(store: WriteStore, table: string, cols: { key: string[]; dims: string[]; adds: string[] }, rows: unknown[][]) {
  if (!rows.length) return;
  const all = [...cols.key, ...cols.dims, ...cols.adds];
  const conflict = `ON CONFLICT (${cols.key.map((c) => `"${c}"`).join(", ")}) DO UPDATE SET ${cols.adds.map((c) => `"${c}" = "${table}"."${c}" + excluded."${c}"`).join(", ")}`;
  if (store.execEach) {
    await store.execEach(`INSERT INTO "${table}" (${all.map((c) => `"${c}"`).join(", ")}) VALUES (${all.map(() => "?").join(", ")}) ${conflict}`, rows);
    return;
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    const tuples: Sql[] = rows.slice(i, i + CHUNK).map((vs) => sql`(${join(vs.map((v) => sql`${v}`))})`);
    await store.exec(sql`INSERT INTO ${ident(table)} (${join(all.map(ident))}) VALUES ${join(tuples)} ${raw(conflict)}`);
  }
}

export async function applyRollupDeltas(store: WriteStore, projectId: string, deltas: RollupDeltas): Promise<void> {
  const { rows, sketches } = deltas.changed();
  if (!rows.length && !sketches.length) return;
  const shard = store.dialect.provider === "postgresql" ? Math.floor(Math.random() * rollupShards()) : 0;
  for (const kind of Object.keys(ROLLUP_TABLES) as RollupKind[]) {
    const t = ROLLUP_TABLES[kind];
    await upsertAdding(store, t.table, rowColumns(kind), rows.filter((r) => r.kind === kind).map((r) => rowValues(projectId, shard, r)));
    await upsertAdding(store, t.sketchTable, sketchColumns(kind), sketches.filter((s) => s.kind === kind).map((s) => sketchValues(projectId, shard, s)));
  }
}
