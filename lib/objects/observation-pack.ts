// A trace's observation summaries in columns, for the trace page: what the tree,
// the timeline and the detail header need (id, parent, type, name, times, level,
// model, tokens, cost) as parallel arrays, names and models as dictionaries and
// times as ms offsets. Objects with 20 named keys each made a 2,000-observation
// page carry ~1 MB of keys and ISO dates; columns carry a fifth of that.
// Pure: the server packs, the client unpacks into ObservationViews.
import { OBSERVATION_LEVELS, OBSERVATION_TYPES, type ObservationView } from "./observation-view";

export interface PackedObservations {
  /** Epoch ms every time below is an offset from (the earliest start). */
  base: number;
  traceId: string;
  ids: string[];
  /** Index of the parent in `ids`; -1: none or not in the list (then `outsideParents` names it). */
  parent: number[];
  /** Parent ids that are not in the list (not ingested yet, or another trace), by row index. */
  outsideParents: Record<number, string>;
  type: number[];
  /** Index into `names`, -1 for none. */
  name: number[];
  names: string[];
  start: number[];
  end: (number | null)[];
  firstToken: (number | null)[];
  level: number[];
  model: number[];
  models: string[];
  inputTokens: (number | null)[];
  outputTokens: (number | null)[];
  totalTokens: (number | null)[];
  totalCost: (number | null)[];
}

/** What a summary holds; the rest of an ObservationView comes with its detail. */
export type ObservationSummary = Pick<
  ObservationView,
  "id" | "traceId" | "parentObservationId" | "type" | "name" | "startTime" | "endTime" | "completionStartTime" | "level" | "model" | "inputTokens" | "outputTokens" | "totalTokens" | "totalCost"
>;

/** A summary as a reader may hold it: times as ISO strings or as Dates (no round trip through text). */
type Time = string | Date;
export type SummaryRow = Omit<ObservationSummary, "startTime" | "endTime" | "completionStartTime"> & { startTime: Time; endTime: Time | null; completionStartTime: Time | null };

export function packObservations(traceId: string, rows: readonly SummaryRow[]): PackedObservations {
  // As lib/iso.ts reads them: an invalid time (a row stored before the date limits) is the epoch
  // for a start and missing for an end, so one such row cannot make the page throw.
  const ms = (t: Time) => (typeof t === "string" ? Date.parse(t) : t.getTime());
  const startOf = (t: Time) => (Number.isNaN(ms(t)) ? 0 : ms(t));
  let base = rows.length ? startOf(rows[0].startTime) : 0;
  for (const r of rows) base = Math.min(base, startOf(r.startTime));
  const index = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!index.has(r.id)) index.set(r.id, i);
  });
  const dict = () => {
    const values: string[] = [];
    const at = new Map<string, number>();
    const of = (v: string | null) => {
      if (v === null) return -1;
      let i = at.get(v);
      if (i === undefined) at.set(v, (i = values.push(v) - 1));
      return i;
    };
    return { values, of };
  };
  const names = dict();
  const models = dict();
  const outsideParents: Record<number, string> = {};
  const parent = rows.map((r, i) => {
    if (r.parentObservationId === null) return -1;
    const p = index.get(r.parentObservationId);
    if (p === undefined) outsideParents[i] = r.parentObservationId;
    return p ?? -1;
  });
  const offset = (t: Time | null) => (t === null || Number.isNaN(ms(t)) ? null : ms(t) - base);
  return {
    base,
    traceId,
    ids: rows.map((r) => r.id),
    parent,
    outsideParents,
    type: rows.map((r) => OBSERVATION_TYPES.indexOf(r.type)),
    name: rows.map((r) => names.of(r.name)),
    names: names.values,
    start: rows.map((r) => startOf(r.startTime) - base),
    end: rows.map((r) => offset(r.endTime)),
    firstToken: rows.map((r) => offset(r.completionStartTime)),
    level: rows.map((r) => OBSERVATION_LEVELS.indexOf(r.level)),
    model: rows.map((r) => models.of(r.model)),
    models: models.values,
    inputTokens: rows.map((r) => r.inputTokens),
    outputTokens: rows.map((r) => r.outputTokens),
    totalTokens: rows.map((r) => r.totalTokens),
    totalCost: rows.map((r) => r.totalCost),
  };
}

/**
 * The list views again, without payloads (hasPayloads false: the viewer loads the
 * selected one's detail). Fields a summary does not hold (parameters, usage and
 * cost details, status message) are null until then.
 */
export function unpackObservations(p: PackedObservations): ObservationView[] {
  const iso = (off: number) => new Date(p.base + off).toISOString();
  return p.ids.map((id, i) => {
    const end = p.end[i];
    const firstToken = p.firstToken[i];
    return {
      id,
      traceId: p.traceId,
      parentObservationId: p.parent[i] >= 0 ? p.ids[p.parent[i]] : (p.outsideParents[i] ?? null),
      type: OBSERVATION_TYPES[p.type[i]] ?? "SPAN",
      name: p.name[i] >= 0 ? p.names[p.name[i]] : null,
      startTime: iso(p.start[i]),
      endTime: end === null ? null : iso(end),
      completionStartTime: firstToken === null ? null : iso(firstToken),
      level: OBSERVATION_LEVELS[p.level[i]] ?? "DEFAULT",
      statusMessage: null,
      model: p.model[i] >= 0 ? p.models[p.model[i]] : null,
      modelParameters: null,
      inputTokens: p.inputTokens[i],
      outputTokens: p.outputTokens[i],
      totalTokens: p.totalTokens[i],
      usageDetails: null,
      inputCost: null,
      outputCost: null,
      totalCost: p.totalCost[i],
      costDetails: null,
      latencyMs: end === null ? null : end - p.start[i],
    };
  });
}
