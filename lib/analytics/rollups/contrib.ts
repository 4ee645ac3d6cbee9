// What one trace, observation or score adds to the rollups (its contribution:
// an hour, the key's dimension values, its measure values), and the deltas a
// write accumulates: the after-state's contributions minus the before-state's,
// per hour (its day's delta is the sum of its hours', byDay).
// A row that did not change cancels out and writes nothing. The same
// contributions rebuild an hour from rows (rebuild.ts), so the write path and
// a recomputation cannot disagree on what a row counts for.
import { createHash } from "node:crypto";
import { binOf } from "../sketch";
import { SessionSpanDeltas } from "./session-spans";
import { DAY_MS, HOUR_MS, ROLLED_SCORE_TYPES, ROLLUP_TABLES, type Grain, type RollupKind } from "./tables";

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

export interface SubjectFacts {
  timestamp: Date;
  name: string | null;
  userId: string | null;
  sessionId: string | null;
  totalTokens: number;
  totalCost: number | null;
}

/** A trace's two subject contributions: once under its user, once under its session (a null id: the group without one). */
export function subjectContributions(t: SubjectFacts): [Contribution, Contribution] {
  const values = { totalTokens: t.totalTokens, totalCost: t.totalCost };
  const hour = hourOf(t.timestamp);
  return [
    { kind: "subject", hour, dims: ["user", t.userId, t.name], values },
    { kind: "subject", hour, dims: ["session", t.sessionId, t.name], values },
  ];
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

/** What a score's key reads of its trace. */
export interface ScoreTraceFacts {
  name: string | null;
  release: string | null;
  models: readonly string[] | null;
}

/** A trace's model set as a key column: sorted JSON ("[]" for a trace without models, null for no trace). */
export function traceModelsKey(trace: ScoreTraceFacts | null | undefined): string | null {
  return trace ? JSON.stringify([...(trace.models ?? [])].sort()) : null;
}

/**
 * A score's contribution (null for a type no scores view reads); its trace's name, release and models, when the
 * trace exists, and its observation's model, when it scores an observation that exists.
 */
export function scoreContribution(s: ScoreFacts, trace: ScoreTraceFacts | null | undefined, observationModel: string | null = null): Contribution | null {
  if (!ROLLED_SCORE_TYPES.has(s.dataType)) return null;
  return {
    kind: "score",
    hour: hourOf(s.timestamp),
    dims: [s.name, s.source, s.dataType, s.stringValue, trace?.name ?? null, trace?.release ?? null, s.environment, observationModel, traceModelsKey(trace)],
    values: { value: s.value },
  };
}

/** The key of a dimension tuple: a hash (nullable columns cannot be part of a unique key). */
export function rollupKey(dims: readonly Dim[]): string {
  return keyOfText(JSON.stringify(dims));
}

/** A session span's key for one trace name (session-spans.ts). */
const nameKey = (name: Dim) => rollupKey([name]);

// The same few hundred tuples recur write after write: their hashes are kept (bounded; cleared when full).
const KEYS = new Map<string, string>();
function keyOfText(dimsText: string): string {
  let k = KEYS.get(dimsText);
  if (k === undefined) {
    if (KEYS.size >= 20_000) KEYS.clear();
    k = createHash("sha1").update(dimsText).digest("base64url");
    KEYS.set(dimsText, k);
  }
  return k;
}

export interface RowDelta {
  kind: RollupKind;
  grain: Grain;
  /** The bucket's start (ms): an hour, or a day. */
  start: number;
  /** The dimension values' JSON: the delta's identity in memory, hashed into `key`. */
  dimsText: string;
  /** The stored key (the hash of dimsText): set by changed(), for the rows written only (those that cancel out never need it). */
  key: string;
  dims: Dim[];
  count: number;
  /** Per measure: [sum, count of non-null values]. */
  sums: Record<string, [number, number]>;
  /** Per sketched measure: bin → count added (negative: taken out). */
  sketches: Record<string, Map<number, number>>;
}

/** A stored rollup row's figures, read back to be taken out (rebuild.ts). */
export interface StoredFigures {
  count: number;
  sums: Record<string, [number, number]>;
  sketches: Record<string, Map<number, number>>;
}

/** Contributions added and taken out, by rollup row (kind, hour, dimension values), sketches included. */
export class RollupDeltas {
  readonly rows = new Map<string, RowDelta>();
  /** The session spans the session contributions feed (off for a recomputation of subject days: spans are rebuilt apart). */
  readonly spans: SessionSpanDeltas | null;

  constructor(opts: { spans?: boolean } = {}) {
    this.spans = opts.spans === false ? null : new SessionSpanDeltas();
  }

  private row(kind: RollupKind, grain: Grain, start: number, dims: Dim[], dimsText = JSON.stringify(dims)): RowDelta {
    const id = `${kind}|${grain}|${start}|${dimsText}`;
    let r = this.rows.get(id);
    if (!r) {
      const t = ROLLUP_TABLES[kind];
      const sums: Record<string, [number, number]> = {};
      for (const m of t.measures) sums[m] = [0, 0];
      const sketches: Record<string, Map<number, number>> = {};
      for (const m of t.sketched) sketches[m] = new Map();
      r = { kind, grain, start, dimsText, key: "", dims, count: 0, sums, sketches };
      this.rows.set(id, r);
    }
    return r;
  }

  add(c: Contribution | null | undefined, sign: 1 | -1): void {
    if (!c) return;
    if (c.kind === "subject") this.spans?.add(c, sign, nameKey);
    const table = ROLLUP_TABLES[c.kind];
    const r = this.row(c.kind, "hour", c.hour, c.dims);
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
      bump(r.sketches[m], binOf(v), sign);
    }
  }

  /** Adds (or, sign −1, takes out) a stored row's figures, as if its rows were contributed again. */
  addStored(kind: RollupKind, grain: Grain, start: number, dims: Dim[], f: StoredFigures, sign: 1 | -1, dimsText?: string): void {
    const r = this.row(kind, grain, start, dims, dimsText);
    r.count += sign * f.count;
    for (const m in f.sums) {
      const [sum, n] = f.sums[m];
      r.sums[m][0] += sign * sum;
      r.sums[m][1] += sign * n;
    }
    for (const m in f.sketches) for (const [b, c] of f.sketches[m]) bump(r.sketches[m], b, sign * c);
  }

  /** Adds another write's deltas (group commit sums a group's before one upsert per row). */
  addAll(other: RollupDeltas): void {
    for (const r of other.rows.values()) this.addStored(r.kind, r.grain, r.start, r.dims, r, 1, r.dimsText);
    if (other.spans) this.spans?.addAll(other.spans);
  }

  /** Every hour delta folded into its UTC day's (a day row is the sum of its hours). */
  byDay(): RollupDeltas {
    const days = new RollupDeltas();
    for (const r of this.rows.values()) {
      if (r.grain !== "hour") continue;
      days.addStored(r.kind, "day", Math.floor(r.start / DAY_MS) * DAY_MS, r.dims, r, 1, r.dimsText);
    }
    return days;
  }

  /** The deltas that change something, their keys set, sorted by table key (concurrent writers then lock rows in one order). */
  changed(): RowDelta[] {
    const rows: RowDelta[] = [];
    for (const r of this.rows.values()) if (changes(r)) rows.push(r);
    for (const r of rows) r.key = keyOfText(r.dimsText);
    rows.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.grain, b.grain) || a.start - b.start || cmp(a.key, b.key));
    return rows;
  }
}

function changes(r: RowDelta): boolean {
  if (r.count !== 0) return true;
  for (const m in r.sums) if (r.sums[m][0] !== 0 || r.sums[m][1] !== 0) return true;
  for (const m in r.sketches) if (r.sketches[m].size > 0) return true;
  return false;
}

function bump(bins: Map<number, number>, bin: number, by: number) {
  const c = (bins.get(bin) ?? 0) + by;
  if (c === 0) bins.delete(bin);
  else bins.set(bin, c);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
