// What one trace, observation or score adds to the rollups (its contribution:
// an hour, the key's dimension values, its measure values), and the deltas a
// write accumulates: the after-state's contributions minus the before-state's.
// A row that did not change cancels out and writes nothing. The same
// contributions rebuild an hour from rows (backfill.ts), so the write path and
// a recomputation cannot disagree on what a row counts for.
import { createHash } from "node:crypto";
import { binOf } from "../sketch";
import { HOUR_MS, ROLLED_SCORE_TYPES, ROLLUP_TABLES, type RollupKind } from "./tables";

type Dim = string | null;

export interface Contribution {
  kind: RollupKind;
  hour: number;
  /** Values of ROLLUP_TABLES[kind].dims, in order. */
  dims: Dim[];
  /** Values of ROLLUP_TABLES[kind].measures (null: no value, left out of the sum's count). */
  values: Record<string, number | null>;
}

const hourOf = (d: Date) => Math.floor(d.getTime() / HOUR_MS) * HOUR_MS;
const diff = (later: Date | null, earlier: Date | null) => (later && earlier ? later.getTime() - earlier.getTime() : null);

export interface TraceFacts {
  timestamp: Date;
  name: string | null;
  environment: string;
  release: string | null;
  version: string | null;
  models: string[] | null;
  errorCount: number;
  warningCount: number;
  latencyMs: number | null;
  observationCount: number;
  totalTokens: number;
  totalCost: number | null;
}

export function traceContribution(t: TraceFacts): Contribution {
  const models = t.models?.length ? JSON.stringify([...t.models].sort()) : null;
  const worstLevel = t.errorCount > 0 ? "ERROR" : t.warningCount > 0 ? "WARNING" : null;
  return {
    kind: "trace",
    hour: hourOf(t.timestamp),
    dims: [t.name, t.environment, t.release, t.version, models, worstLevel],
    values: { latency: t.latencyMs, observationsCount: t.observationCount, totalTokens: t.totalTokens, totalCost: t.totalCost },
  };
}

export interface ObservationFacts {
  type: string;
  name: string | null;
  startTime: Date;
  endTime: Date | null;
  completionStartTime: Date | null;
  level: string;
  environment: string;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  inputCost: number | null;
  outputCost: number | null;
  totalCost: number | null;
}

/** An observation's contribution; traceName is its trace's name (the observations view reads it through the trace). */
export function observationContribution(o: ObservationFacts, traceName: string | null): Contribution {
  return {
    kind: "observation",
    hour: hourOf(o.startTime),
    dims: [traceName, o.type, o.name, o.model, o.level, o.environment],
    values: {
      latency: diff(o.endTime, o.startTime),
      timeToFirstToken: diff(o.completionStartTime, o.startTime),
      inputTokens: o.inputTokens,
      outputTokens: o.outputTokens,
      totalTokens: o.totalTokens,
      inputCost: o.inputCost,
      outputCost: o.outputCost,
      totalCost: o.totalCost,
    },
  };
}

export interface ScoreFacts {
  timestamp: Date;
  name: string;
  source: string;
  dataType: string;
  stringValue: string | null;
  value: number | null;
  environment: string;
}

/** A score's contribution (null for a type no scores view reads); its trace's name and release, when the trace exists. */
export function scoreContribution(s: ScoreFacts, trace: { name: string | null; release: string | null } | null | undefined): Contribution | null {
  if (!ROLLED_SCORE_TYPES.has(s.dataType)) return null;
  return {
    kind: "score",
    hour: hourOf(s.timestamp),
    dims: [s.name, s.source, s.dataType, s.stringValue, trace?.name ?? null, trace?.release ?? null, s.environment],
    values: { value: s.value },
  };
}

/** The key of a dimension tuple: a hash (nullable columns cannot be part of a unique key). */
export function rollupKey(dims: readonly Dim[]): string {
  return createHash("sha1").update(JSON.stringify(dims)).digest("base64url");
}

export interface RowDelta {
  kind: RollupKind;
  hour: number;
  key: string;
  dims: Dim[];
  count: number;
  /** Per measure: [sum, count of non-null values]. */
  sums: Record<string, [number, number]>;
}

export interface SketchDelta {
  kind: RollupKind;
  measure: string;
  hour: number;
  key: string;
  dims: Dim[];
  bin: number;
  count: number;
}

/** Contributions added and taken out, by rollup row and sketch bin. */
export class RollupDeltas {
  readonly rows = new Map<string, RowDelta>();
  readonly sketches = new Map<string, SketchDelta>();

  add(c: Contribution | null | undefined, sign: 1 | -1): void {
    if (!c) return;
    const table = ROLLUP_TABLES[c.kind];
    const dimsJson = JSON.stringify(c.dims);
    const id = `${c.kind}|${c.hour}|${dimsJson}`;
    let r = this.rows.get(id);
    if (!r) {
      r = { kind: c.kind, hour: c.hour, key: rollupKey(c.dims), dims: c.dims, count: 0, sums: Object.fromEntries(table.measures.map((m) => [m, [0, 0]])) };
      this.rows.set(id, r);
    }
    r.count += sign;
    for (const m of table.measures) {
      const v = c.values[m];
      if (v === null || v === undefined) continue;
      r.sums[m][0] += sign * v;
      r.sums[m][1] += sign;
    }
    for (const m of table.sketched) {
      const v = c.values[m];
      if (v === null || v === undefined) continue;
      const bin = binOf(v);
      const sid = `${m}|${bin}|${id}`;
      let s = this.sketches.get(sid);
      if (!s) this.sketches.set(sid, (s = { kind: c.kind, measure: m, hour: c.hour, key: r.key, dims: c.dims, bin, count: 0 }));
      s.count += sign;
    }
  }

  /** The deltas that change something, sorted by table key (concurrent writers then lock rows in one order). */
  changed(): { rows: RowDelta[]; sketches: SketchDelta[] } {
    const rows = [...this.rows.values()].filter((r) => r.count !== 0 || Object.values(r.sums).some(([s, n]) => s !== 0 || n !== 0));
    const sketches = [...this.sketches.values()].filter((s) => s.count !== 0);
    rows.sort((a, b) => cmp(a.kind, b.kind) || a.hour - b.hour || cmp(a.key, b.key));
    sketches.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.measure, b.measure) || a.hour - b.hour || cmp(a.key, b.key) || a.bin - b.bin);
    return { rows, sketches };
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
