// The dashboard's boolean score counts (true / false per score name) from
// ScoreRollup, without grouping by the value: a boolean score's value is 0 or
// 1, so a key's count of true is its value sum, checked against its value
// sketch (every value in bin 0 or in 1's bin, and the sum equal to 1's bin's
// count, so every value of that bin is exactly 1); when the sketch says other
// values are there, the rows answer. Values never set count under null. Whole
// hours (whole days from the day rows) come from the rollups, the minutes at
// either end from the rows (the caller's own query), merged per name.
import { dialectOf, type Db, type Tx } from "../../db/client";
import { decode, sql } from "../../db/sql";
import type { Filter } from "../../query/filter";
import { buildConditions } from "../../query/where";
import { binOf } from "../sketch";
import { decodeSketch } from "./sketch-text";
import { readScoreSegments, segmentWhere } from "./score-segments";
import type { Segment } from "./serve";
import { servedView } from "./served";

export interface BooleanCount {
  name: string | null;
  booleanValue: boolean | null;
  count: number;
}

interface NameFigures {
  count: number;
  sum: number;
  n: number;
  bins: Map<number, number>;
}

const ONE = binOf(1);

/** Counts per name and value from merged figures, or null when a value other than 0 or 1 is there. */
export function booleanCountsOf(name: string | null, f: NameFigures): BooleanCount[] | null {
  const ones = f.bins.get(ONE) ?? 0;
  const zeros = f.bins.get(0) ?? 0;
  for (const [b, c] of f.bins) if (c !== 0 && b !== ONE && b !== 0) return null;
  // Bin 0 holds |v| < 1e-9: the sum of the ones' bin is the sum within n·1e-9.
  if (Math.abs(f.sum - ones) > 1e-9 * (f.n + 1)) return null;
  const out: BooleanCount[] = [
    { name, booleanValue: true, count: ones },
    { name, booleanValue: false, count: zeros },
    { name, booleanValue: null, count: f.count - f.n },
  ];
  return out.filter((c) => c.count > 0);
}

/**
 * The counts over [from, to) under `filters` (the dashboard's filter as the scores-numeric view's), or null
 * when the rollups cannot answer them (the caller reads the rows).
 */
export async function booleanCountsFromRollups(
  client: Db | Tx,
  projectId: string,
  from: Date,
  to: Date,
  filters: Filter,
  onRows: (from: Date, to: Date) => Promise<BooleanCount[]>,
): Promise<BooleanCount[] | null> {
  const served = servedView("scores-numeric");
  if (!filters.every((c) => Object.hasOwn(served.filters, c.column))) return null;
  const { where: conditions } = buildConditions(dialectOf(client), served.filters, filters);
  // Row by row: the sketches merge in JS.
  const select = (seg: Segment) => sql`
    SELECT "s"."name" AS "name", "s"."count" AS "count", CAST("s"."valueSum" AS DOUBLE PRECISION) AS "sum", "s"."valueN" AS "n", "s"."valueSketch" AS "k"
    FROM "ScoreRollup" AS "s"
    WHERE ${segmentWhere(projectId, seg, [sql`"s"."dataType" = 'BOOLEAN'`, ...conditions])}`;
  const read = await readScoreSegments(client, projectId, from, to, select, onRows);
  if (!read) return null;

  const names = new Map<string | null, NameFigures>();
  for (const r of read.rollupRows) {
    const name = r.name === null || r.name === undefined ? null : String(r.name);
    let f = names.get(name);
    if (!f) names.set(name, (f = { count: 0, sum: 0, n: 0, bins: new Map() }));
    f.count += decode.number(r.count);
    f.sum += decode.number(r.sum);
    f.n += decode.number(r.n);
    for (const [b, c] of decodeSketch(r.k)) f.bins.set(b, (f.bins.get(b) ?? 0) + c);
  }
  const counts = new Map<string, BooleanCount>();
  const add = (c: BooleanCount) => {
    const k = JSON.stringify([c.name, c.booleanValue]);
    const g = counts.get(k);
    if (g) g.count += c.count;
    else counts.set(k, { ...c });
  };
  for (const [name, f] of names) {
    const cs = booleanCountsOf(name, f);
    if (!cs) return null;
    cs.forEach(add);
  }
  read.edgeRows.forEach(add);
  return [...counts.values()].filter((c) => c.count > 0);
}
