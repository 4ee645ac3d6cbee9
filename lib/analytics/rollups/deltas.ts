// The deltas a write accumulates: its after-state's contributions (contrib.ts)
// minus its before-state's, per rollup row (kind, hour, dimension values), a
// day's delta the sum of its hours' (byDay). A row that did not change cancels
// out and writes nothing. This runs for every contribution of every ingestion
// write, so it is written for speed: dimension tuples are interned objects
// (no string built or hashed per contribution) and a row's figures are flat
// arrays. Pure.
import { binOf } from "../sketch";
import { rollupKey, type Contribution, type Dim } from "./contrib";
import { SessionSpanDeltas } from "./session-spans";
import { DAY_MS, ROLLUP_TABLES, type Grain, type RollupKind } from "./tables";

/**
 * A dimension tuple, interned: the same values give the same object (a trie of maps per kind, one level per
 * dimension), so the deltas find a row by the object, and the stored key is hashed once per tuple, not per row.
 * Building the tuple's JSON and hashing that string for every contribution was most of the rollups' JS.
 */
export class DimsId {
  private stored: string | undefined;
  constructor(readonly dims: readonly Dim[]) {}
  /** The stored key (rollupKey of the values). */
  get key(): string {
    return (this.stored ??= rollupKey(this.dims));
  }
}

/** A session span's key for one trace name (session-spans.ts), hashed once per name. */
const NAME_KEYS = new Map<Dim, string>();
function nameKey(name: Dim): string {
  let k = NAME_KEYS.get(name);
  if (k === undefined) {
    if (NAME_KEYS.size >= 10_000) NAME_KEYS.clear();
    NAME_KEYS.set(name, (k = rollupKey([name])));
  }
  return k;
}

type Trie = Map<Dim, Trie | DimsId>;
const TRIES = new Map<RollupKind, Trie>();
let interned = 0;

/** The interned tuple of `dims` (bounded: the tries are dropped when full; deltas then may hold two ids of one tuple, which changed() merges). */
export function dimsId(kind: RollupKind, dims: readonly Dim[]): DimsId {
  if (interned >= 50_000) {
    TRIES.clear();
    interned = 0;
  }
  let node = TRIES.get(kind);
  if (!node) TRIES.set(kind, (node = new Map()));
  const last = dims.length - 1;
  for (let i = 0; i < last; i++) {
    let next = node.get(dims[i]) as Trie | undefined;
    if (!next) node.set(dims[i], (next = new Map()));
    node = next;
  }
  let id = node.get(dims[last]) as DimsId | undefined;
  if (!id) {
    node.set(dims[last], (id = new DimsId(dims)));
    interned++;
  }
  return id;
}

export interface RowDelta {
  kind: RollupKind;
  grain: Grain;
  /** The bucket's start (ms): an hour, or a day. */
  start: number;
  /** The dimension values, interned: the delta's identity in memory. */
  id: DimsId;
  /** The stored key (id.key): set by changed(), for the rows written only. */
  key: string;
  dims: readonly Dim[];
  count: number;
  /** Per measure of ROLLUP_TABLES[kind].measures, in order: its sum, then its count of non-null values (flat: sumOf reads one). */
  sums: number[];
  /** Per measure of ROLLUP_TABLES[kind].sketched, in order: bin → count added (negative: taken out); undefined for none. */
  sketches: (Map<number, number> | undefined)[];
}

/** A stored rollup row's figures, read back to be taken out (rebuild.ts); laid out as RowDelta's. */
export type StoredFigures = Pick<RowDelta, "count" | "sums" | "sketches">;

/** A measure's [sum, count of non-null values] in figures of a rollup of `kind`. */
export function sumOf(kind: RollupKind, f: StoredFigures, measure: string): [number, number] {
  const i = ROLLUP_TABLES[kind].measures.indexOf(measure);
  return [f.sums[2 * i], f.sums[2 * i + 1]];
}

/** Contributions added and taken out, by rollup row (kind, hour, dimension values), sketches included. */
export class RollupDeltas {
  /** Every row, in the order first touched. */
  readonly rows: RowDelta[] = [];
  // By kind and grain, then bucket start, then the interned tuple (an object: no string is built or hashed).
  private readonly index = new Map<string, Map<number, Map<DimsId, RowDelta>>>();
  /** The session spans the session contributions feed (off for a recomputation of subject days: spans are rebuilt apart). */
  readonly spans: SessionSpanDeltas | null;

  constructor(opts: { spans?: boolean } = {}) {
    this.spans = opts.spans === false ? null : new SessionSpanDeltas();
  }

  private row(kind: RollupKind, grain: Grain, start: number, id: DimsId): RowDelta {
    const kindGrain = grain === "hour" ? kind : `${kind}|day`;
    let starts = this.index.get(kindGrain);
    if (!starts) this.index.set(kindGrain, (starts = new Map()));
    let byId = starts.get(start);
    if (!byId) starts.set(start, (byId = new Map()));
    let r = byId.get(id);
    if (!r) {
      const t = ROLLUP_TABLES[kind];
      const sums = new Array<number>(2 * t.measures.length).fill(0);
      r = { kind, grain, start, id, key: "", dims: id.dims, count: 0, sums, sketches: new Array(t.sketched.length) };
      byId.set(id, r);
      this.rows.push(r);
    }
    return r;
  }

  add(c: Contribution | null | undefined, sign: 1 | -1): void {
    if (!c) return;
    if (c.kind === "subject") this.spans?.add(c, sign, nameKey);
    const table = ROLLUP_TABLES[c.kind];
    const r = this.row(c.kind, "hour", c.hour, dimsId(c.kind, c.dims));
    r.count += sign;
    const { measures, sketched } = table;
    for (let i = 0; i < measures.length; i++) {
      const v = c.values[measures[i]];
      if (v === null || v === undefined) continue;
      r.sums[2 * i] += sign * v;
      r.sums[2 * i + 1] += sign;
    }
    for (let i = 0; i < sketched.length; i++) {
      const v = c.values[sketched[i]];
      if (v === null || v === undefined) continue;
      bump((r.sketches[i] ??= new Map()), binOf(v), sign);
    }
  }

  /** Adds (or, sign −1, takes out) a stored row's figures, as if its rows were contributed again. */
  addStored(kind: RollupKind, grain: Grain, start: number, dims: readonly Dim[] | DimsId, f: StoredFigures, sign: 1 | -1): void {
    const r = this.row(kind, grain, start, dims instanceof DimsId ? dims : dimsId(kind, dims));
    addFigures(r, f, sign);
  }

  /** Adds another write's deltas (group commit sums a group's before one upsert per row). */
  addAll(other: RollupDeltas): void {
    for (const r of other.rows) this.addStored(r.kind, r.grain, r.start, r.id, r, 1);
    if (other.spans) this.spans?.addAll(other.spans);
  }

  /** Every hour delta folded into its UTC day's (a day row is the sum of its hours). */
  byDay(): RollupDeltas {
    const days = new RollupDeltas({ spans: false });
    for (const r of this.rows) {
      if (r.grain !== "hour") continue;
      days.addStored(r.kind, "day", Math.floor(r.start / DAY_MS) * DAY_MS, r.id, r, 1);
    }
    return days;
  }

  /** The deltas that change something, their keys set, sorted by table key (concurrent writers then lock rows in one order). */
  changed(): RowDelta[] {
    const rows: RowDelta[] = [];
    for (const r of this.rows) if (changes(r)) rows.push(r);
    for (const r of rows) r.key = r.id.key;
    rows.sort(byTableKey);
    // Two ids of one tuple (the tries were dropped meanwhile) are one stored row: one upsert may not touch it twice.
    const out: RowDelta[] = [];
    for (const r of rows) {
      const prev = out[out.length - 1];
      if (prev && byTableKey(prev, r) === 0) addFigures(prev, r, 1);
      else out.push(r);
    }
    return out;
  }
}

function addFigures(r: RowDelta, f: StoredFigures, sign: 1 | -1) {
  r.count += sign * f.count;
  for (let i = 0; i < f.sums.length; i++) r.sums[i] += sign * f.sums[i];
  for (let i = 0; i < f.sketches.length; i++) {
    const bins = f.sketches[i];
    if (!bins?.size) continue;
    const into = (r.sketches[i] ??= new Map());
    for (const [b, c] of bins) bump(into, b, sign * c);
  }
}

const byTableKey = (a: RowDelta, b: RowDelta) => cmp(a.kind, b.kind) || cmp(a.grain, b.grain) || a.start - b.start || cmp(a.key, b.key);

function changes(r: RowDelta): boolean {
  if (r.count !== 0) return true;
  for (let i = 0; i < r.sums.length; i++) if (r.sums[i] !== 0) return true;
  for (let i = 0; i < r.sketches.length; i++) if (r.sketches[i]?.size) return true;
  return false;
}

function bump(bins: Map<number, number>, bin: number, by: number) {
  const c = (bins.get(bin) ?? 0) + by;
  if (c === 0) bins.delete(bin);
  else bins.set(bin, c);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
