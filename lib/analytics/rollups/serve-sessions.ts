// Top sessions by cost over a range, from the session spans (session-spans.ts)
// instead of grouping every session of the range. A session whose span lies
// wholly inside the range has its whole totals in it: the costliest of those
// come from walking the SessionSpan cost index down. The sessions whose span
// crosses an end of the range (few: sessions are short; those spanning a day
// or more sit in their own small index) and the group without a session are
// counted exactly, from the subject rollup's days and the edges' trace rows
// (serve-subjects.ts's own query, restricted to them). The two sets cannot
// overlap, and any other session has less cost than the limit-th inside one,
// so the top of their union is the top of the range (ties at the limit-th
// value are all kept). Returns null when it cannot answer (other order, other
// filters, too many ties or crossing sessions): the caller groups instead.
import { dialectOf, type Db, type Tx } from "../../db/client";
import { raw, sql, type Dialect, type Sql } from "../../db/sql";
import type { MetricsPlan } from "../validate";
import { rollupKey } from "./contrib";
import { ALL_NAMES } from "./session-spans";
import { DAY_MS, HOUR_MS } from "./tables";

type Raw = Record<string, unknown>;

/** A span at least this long counts as long (the partial index SessionSpan_long_idx holds those). */
const LONG_MS = DAY_MS;
/** More ties at the limit-th cost, or more crossing sessions, than this: the caller groups instead. */
const MAX_CANDIDATES = 2000;

/** The SessionSpan key a plan reads: all names, or one trace name (`name = …`); null for any other filter. */
export function spanKey(plan: MetricsPlan): string | null {
  if (!plan.filters.length) return ALL_NAMES;
  if (plan.filters.length !== 1) return null;
  const [f] = plan.filters;
  return f.column === "name" && f.type === "string" && f.operator === "=" ? rollupKey([f.value]) : null;
}

/** Whether the plan is top sessions by cost: the first order key the sum of totalCost, costliest first, with a row limit. */
function byCost(plan: MetricsPlan): boolean {
  const first = plan.orderBy[0];
  const m = first && plan.metrics.find((x) => x.key === first.field);
  return !!plan.rowLimit && !!m && first.direction === "desc" && m.measure === "totalCost" && m.aggregation === "sum";
}

const measureColumns = (measures: readonly string[]) =>
  raw(measures.map((m) => `, "${m}Sum" AS "s_${m}", "${m}N" AS "n_${m}"`).join(""));

/**
 * The inside sessions that can make the limit and the ids of those crossing an end, or null. `grouped`
 * runs serve-subjects' query restricted to the crossing ids and the group without a session.
 */
export async function sessionGroupsFromSpans(
  client: Db | Tx,
  projectId: string,
  plan: MetricsPlan,
  measures: readonly string[],
  grouped: (only: string[]) => Sql,
): Promise<Raw[] | null> {
  const key = spanKey(plan);
  if (key === null || !byCost(plan)) return null;
  const d = dialectOf(client);
  const from = plan.from.getTime();
  const to = plan.to.getTime();
  const base = sql`"projectId" = ${projectId} AND "key" = ${key} AND "count" > 0`;
  const inside = sql`${base} AND "firstHour" >= ${from} AND "lastHour" <= ${to - HOUR_MS}`;
  const cols = sql`"sessionId" AS "d0", "count" AS "n"${measureColumns(measures)}`;
  const n = plan.rowLimit!;
  let top = await client.$queryRaw<Raw[]>(sql`SELECT ${cols} FROM "SessionSpan" ${byCostIndex(d)} WHERE ${inside} ORDER BY "totalCostSum" DESC LIMIT ${n}`);
  if (top.length === n) {
    // Every inside session tied with the limit-th (within float noise: sums of deltas), as the rows engine's cut keeps them.
    const v = d.decode.number(top[n - 1].s_totalCost);
    const floor = v - 1e-9 * Math.max(1, Math.abs(v));
    top = await client.$queryRaw<Raw[]>(
      sql`SELECT ${cols} FROM "SessionSpan" ${byCostIndex(d)} WHERE ${inside} AND "totalCostSum" >= ${floor} ORDER BY "totalCostSum" DESC LIMIT ${MAX_CANDIDATES + 1}`,
    );
    if (top.length > MAX_CANDIDATES) return null;
  }
  const crossing = new Set<string>();
  for (const b of [from, to]) {
    // A span crosses b when it starts before b and its last hour ends after b: the short ones started less than a
    // day and an hour before b; the long ones are few (the partial index, its condition as the index states it).
    const crosses = sql`${base} AND "firstHour" < ${b} AND "lastHour" > ${b - HOUR_MS}`;
    const rows = await client.$queryRaw<Raw[]>(sql`
      SELECT "sessionId" FROM "SessionSpan" WHERE ${crosses} AND "firstHour" > ${b - HOUR_MS - LONG_MS}
      UNION SELECT "sessionId" FROM "SessionSpan" WHERE ${crosses} AND "lastHour" - "firstHour" >= ${raw(String(LONG_MS))}`);
    for (const r of rows) crossing.add(String(r.sessionId));
    if (crossing.size > MAX_CANDIDATES) return null;
  }
  const exact = await client.$queryRaw<Raw[]>(grouped([...crossing]));
  return [...top, ...exact];
}

/** SQLite: walk the cost index (its planner would otherwise read the range by first hour and sort). */
function byCostIndex(d: Dialect): Sql {
  return d.provider === "sqlite" ? raw(`INDEXED BY "SessionSpan_projectId_key_totalCostSum_idx"`) : raw("");
}
