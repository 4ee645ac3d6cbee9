// Trace rollups (start, end, latency, counts, tokens, cost, models) kept on the
// trace row so the traces table sorts and filters without scanning observations.
//
// They are computed in memory from the stored rollup and the observations the
// batch changes (the writer has both rows at hand: prev and next), and written
// with the trace row itself. A separate UPDATE would rewrite each trace row a
// second time per batch, input and output payloads included — on SQLite that
// second write cost more than everything else in the batch. When a change
// cannot be applied incrementally (a start moved later, an end earlier, a model
// replaced), the trace is aggregated again from its observations.
import { sql } from "../db/sql";
import { ROLLUP_COLS, type ObservationRow, type Rollup } from "./rows";
import type { Row, WriteStore } from "./store";
import { LIMITS } from "./limits";


// Token rollups live in 32-bit Int columns: a trace whose observations add up
// to more is stored at this ceiling (each observation's own counts are exact).
const TOKEN_COLS = ["inputTokens", "outputTokens", "totalTokens"] as const;
const saturated = (r: Rollup) => TOKEN_COLS.some((k) => r[k] >= LIMITS.maxCount);
function clampTokens(r: Rollup): Rollup {
  for (const k of TOKEN_COLS) r[k] = Math.min(r[k], LIMITS.maxCount);
  return r;
}

export function emptyRollup(): Rollup {
  return { startTime: null, endTime: null, latencyMs: null, observationCount: 0, errorCount: 0, warningCount: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, totalCost: null, models: null };
}

const endOf = (o: ObservationRow) => o.endTime ?? o.startTime;
// Sums of float costs drift by 1e-18 when contributions are taken out and put back.
const roundCost = (x: number) => Math.round(x * 1e12) / 1e12;

function apply(r: Rollup, o: ObservationRow, sign: 1 | -1) {
  r.observationCount += sign;
  if (o.level === "ERROR") r.errorCount += sign;
  if (o.level === "WARNING") r.warningCount += sign;
  r.inputTokens += sign * (o.inputTokens ?? 0);
  r.outputTokens += sign * (o.outputTokens ?? 0);
  r.totalTokens += sign * (o.totalTokens ?? 0);
  if (o.totalCost !== null) r.totalCost = roundCost((r.totalCost ?? 0) + sign * o.totalCost);
}

/**
 * The trace's rollup after `changes` (each observation of the batch with its
 * stored version, if any), or undefined when it must be aggregated again.
 */
export function rollUp(stored: Rollup | undefined, changes: { prev?: ObservationRow; next: ObservationRow }[]): Rollup | undefined {
  // Only the rollup fields: `stored` may be a whole trace row.
  const r: Rollup = emptyRollup();
  if (stored) for (const k of ROLLUP_COLS) (r as unknown as Record<string, unknown>)[k] = stored[k];
  // A clamped sum cannot be updated incrementally: aggregate it again.
  if (saturated(r)) return undefined;
  if (r.models) r.models = [...r.models];
  for (const { prev, next } of changes) {
    if (prev) {
      if (prev.model && prev.model !== next.model) return undefined;
      if (r.startTime && prev.startTime.getTime() === r.startTime.getTime() && next.startTime > prev.startTime) return undefined;
      if (r.endTime && endOf(prev).getTime() === r.endTime.getTime() && endOf(next) < endOf(prev)) return undefined;
      apply(r, prev, -1);
    }
    apply(r, next, 1);
    if (!r.startTime || next.startTime < r.startTime) r.startTime = next.startTime;
    if (!r.endTime || endOf(next) > r.endTime) r.endTime = endOf(next);
    if (next.model && !r.models?.includes(next.model)) r.models = [...(r.models ?? []), next.model];
  }
  r.latencyMs = r.startTime && r.endTime ? r.endTime.getTime() - r.startTime.getTime() : null;
  return clampTokens(r);
}

/** The rollups of some traces aggregated from their stored observations (the exact path). */
export async function aggregateRollups(store: WriteStore, projectId: string, traceIds: string[]): Promise<Map<string, Rollup>> {
  const d = store.dialect;
  const out = new Map<string, Rollup>();
  for (let i = 0; i < traceIds.length; i += 500) {
    const rows = await store.query(sql`
      SELECT "traceId" AS trace_id,
        MIN("startTime") AS start_time,
        MAX(COALESCE("endTime", "startTime")) AS end_time,
        COUNT(*) AS n,
        SUM(CASE WHEN "level" = 'ERROR' THEN 1 ELSE 0 END) AS errors,
        SUM(CASE WHEN "level" = 'WARNING' THEN 1 ELSE 0 END) AS warnings,
        COALESCE(SUM("inputTokens"), 0) AS input_tokens,
        COALESCE(SUM("outputTokens"), 0) AS output_tokens,
        COALESCE(SUM("totalTokens"), 0) AS total_tokens,
        SUM("totalCost") AS total_cost,
        ${d.jsonArrayAggDistinct(sql`"model"`)} AS models
      FROM (${d.rowsByKeys(sql`"traceId", "startTime", "endTime", "level", "inputTokens", "outputTokens", "totalTokens", "totalCost", "model"`, sql`"Observation"`, projectId, sql`"traceId"`, traceIds.slice(i, i + 500))}) AS "o"
      GROUP BY "traceId"`);
    for (const row of rows) out.set(String(row.trace_id), fromAggregate(row));
  }
  return out;
}

function fromAggregate(row: Row): Rollup {
  const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(Number(v)));
  const models = typeof row.models === "string" ? (JSON.parse(row.models) as string[]) : ((row.models as string[] | null) ?? null);
  const startTime = date(row.start_time);
  const endTime = date(row.end_time);
  return clampTokens({
    startTime,
    endTime,
    latencyMs: startTime && endTime ? endTime.getTime() - startTime.getTime() : null,
    observationCount: Number(row.n),
    errorCount: Number(row.errors),
    warningCount: Number(row.warnings),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    totalTokens: Number(row.total_tokens),
    totalCost: row.total_cost === null || row.total_cost === undefined ? null : Number(row.total_cost),
    models: models?.length ? models : null,
  });
}
