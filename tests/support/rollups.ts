// The rollup tables as a comparable snapshot (tests compare what the writer maintained with a recomputation).
import { afterAll, beforeAll } from "vitest";
import { decodeSketch } from "@/lib/analytics/rollups/sketch-text";
import { ROLLUP_KINDS, ROLLUP_TABLES, sketchColumn } from "@/lib/analytics/rollups/tables";
import type { Db } from "@/lib/db/client";
import { decode } from "@/lib/db/sql";

/** Every rollup row of a project (both grains), summed over shards (sketches merged), rows whose figures are all 0 left out. */
export async function rollupSnapshot(db: Db, projectId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const k of ROLLUP_KINDS) {
    const t = ROLLUP_TABLES[k];
    const sums = ["count", ...t.measures.flatMap((m) => [`${m}Sum`, `${m}N`])];
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${t.table}" WHERE "projectId" = '${projectId}'`);
    const merged = new Map<string, { v: number[]; bins: Map<string, number> }>();
    for (const r of rows) {
      const id = JSON.stringify([r.grain ?? "day", decode.date(r.start).getTime(), ...t.dims.map((c) => r[c] ?? null)]);
      const m = merged.get(id) ?? { v: sums.map(() => 0), bins: new Map<string, number>() };
      sums.forEach((c, i) => (m.v[i] += Number(r[c])));
      for (const s of t.sketched) for (const [bin, c] of decodeSketch(r[sketchColumn(s)])) m.bins.set(`${s}:${bin}`, (m.bins.get(`${s}:${bin}`) ?? 0) + c);
      merged.set(id, m);
    }
    out[t.table] = [...merged]
      .map(([id, m]) => [id, m.v.map((x) => Math.round(x * 1e9) / 1e9), [...m.bins].filter(([, c]) => c !== 0).sort()] as const)
      .filter(([, v, bins]) => v.some((x) => x !== 0) || bins.length)
      .map(([id, v, bins]) => JSON.stringify([...(JSON.parse(id) as unknown[]), ...v, bins]))
      .sort();
  }
  out.SessionSpan = (await sessionSpans(db, projectId)).filter((r) => r.figures.some((x) => x !== 0)).map((r) => JSON.stringify([r.sessionId, r.key, r.name, ...r.figures])).sort();
  return out;
}

/** A project's session spans: the figures (rounded) and the hours (which only widen: compare them with `covers`). */
export async function sessionSpans(db: Db, projectId: string) {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "SessionSpan" WHERE "projectId" = '${projectId}'`);
  return rows.map((r) => ({
    sessionId: String(r.sessionId),
    key: String(r.key),
    name: r.name === null ? null : String(r.name),
    figures: ["count", "totalTokensSum", "totalTokensN", "totalCostSum", "totalCostN"].map((c) => Math.round(Number(r[c]) * 1e9) / 1e9),
    hours: [Number(r.firstHour), Number(r.lastHour)] as [number, number],
  }));
}

export async function clearRollups(db: Db, projectId: string) {
  for (const table of [...ROLLUP_KINDS.map((k) => ROLLUP_TABLES[k].table), "SessionSpan"]) await db.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "projectId" = '${projectId}'`);
}

/**
 * Rollups on for the describe block it is called in, whatever the run's LOUPE_ROLLUPS (a file about the rollups
 * switches them off only to ask the rows), and the run's setting back after it.
 */
export function rollupsOnInBlock(): void {
  const outer = process.env.LOUPE_ROLLUPS;
  beforeAll(() => {
    process.env.LOUPE_ROLLUPS = "on";
  });
  afterAll(() => {
    if (outer === undefined) delete process.env.LOUPE_ROLLUPS;
    else process.env.LOUPE_ROLLUPS = outer;
  });
}
