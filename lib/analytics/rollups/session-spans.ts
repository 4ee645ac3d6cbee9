// Per session, all time (SessionSpan): the hours of its first and last trace
// and its totals, over all its traces (key "*") and per trace name. Top
// sessions over a range (serve-sessions.ts) then walk the costliest sessions
// that lie wholly inside the range, whose totals are their in-range figures,
// and count exactly only the few that cross its ends, instead of grouping
// every session of the range (212k in 30 days at 2M traces).
// The deltas ride on RollupDeltas (the session contributions of the subject
// rollup feed them), so the ingestion writer, group commit and deletes keep
// them as they keep the other rollups: in the same transaction, exactly.
// Counts and sums are deltas; the hours only widen (MIN/MAX in the upsert),
// so a session whose trace left or moved keeps a span at least as wide as its
// traces', which can make it look as if it crossed a range's end (it is then
// counted exactly), never as if it lay inside a range it crosses.
import type { WriteStore } from "../../ingest/store";
import type { Contribution } from "./contrib";

type Dim = string | null;

/** The key of a session's row over all its traces (a name's key is a hash, never "*"). */
export const ALL_NAMES = "*";

export interface SpanDelta {
  sessionId: string;
  key: string;
  name: Dim;
  count: number;
  tokens: [number, number];
  cost: [number, number];
  /** The hours contributions came in with (+) and went out with (−): Infinity / −Infinity when none. */
  inMin: number;
  inMax: number;
  outMin: number;
  outMax: number;
}

export class SessionSpanDeltas {
  readonly rows = new Map<string, SpanDelta>();

  /** A subject-rollup contribution; only a session's (dims ["session", id, name]) with an id counts. */
  add(c: Contribution, sign: 1 | -1, nameKey: (name: Dim) => string): void {
    if (c.kind !== "subject" || c.dims[0] !== "session" || c.dims[1] === null) return;
    const [, sessionId, name] = c.dims as [string, string, Dim];
    for (const [key, n] of [
      [ALL_NAMES, null],
      [nameKey(name), name],
    ] as const) {
      const r = this.row(sessionId, key, n);
      r.count += sign;
      addSum(r.tokens, c.values.totalTokens, sign);
      addSum(r.cost, c.values.totalCost, sign);
      if (sign > 0) {
        r.inMin = Math.min(r.inMin, c.hour);
        r.inMax = Math.max(r.inMax, c.hour);
      } else {
        r.outMin = Math.min(r.outMin, c.hour);
        r.outMax = Math.max(r.outMax, c.hour);
      }
    }
  }

  /** Another write's deltas (group commit sums a group's). */
  addAll(other: SessionSpanDeltas): void {
    for (const o of other.rows.values()) {
      const r = this.row(o.sessionId, o.key, o.name);
      r.count += o.count;
      r.tokens[0] += o.tokens[0];
      r.tokens[1] += o.tokens[1];
      r.cost[0] += o.cost[0];
      r.cost[1] += o.cost[1];
      r.inMin = Math.min(r.inMin, o.inMin);
      r.inMax = Math.max(r.inMax, o.inMax);
      r.outMin = Math.min(r.outMin, o.outMin);
      r.outMax = Math.max(r.outMax, o.outMax);
    }
  }

  /**
   * The rows to upsert, sorted by session and key (concurrent writers lock rows in one order): those whose
   * figures changed, or whose traces came in at hours outside those they went out at (a span to widen).
   */
  changed(): SpanDelta[] {
    const rows = [...this.rows.values()].filter(
      (r) => r.count !== 0 || r.tokens.some((x) => x !== 0) || r.cost.some((x) => x !== 0) || r.inMin < r.outMin || r.inMax > r.outMax,
    );
    return rows.sort((a, b) => cmp(a.sessionId, b.sessionId) || cmp(a.key, b.key));
  }

  private row(sessionId: string, key: string, name: Dim): SpanDelta {
    const id = `${sessionId}\u0000${key}`;
    let r = this.rows.get(id);
    if (!r) {
      r = { sessionId, key, name, count: 0, tokens: [0, 0], cost: [0, 0], inMin: Infinity, inMax: -Infinity, outMin: Infinity, outMax: -Infinity };
      this.rows.set(id, r);
    }
    return r;
  }
}

function addSum(s: [number, number], v: number | null | undefined, by: number) {
  if (v === null || v === undefined) return;
  s[0] += by * v;
  s[1] += by;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const COLUMNS = ["projectId", "sessionId", "key", "name", "firstHour", "lastHour", "count", "totalTokensSum", "totalTokensN", "totalCostSum", "totalCostN"];
const ADDED = ["count", "totalTokensSum", "totalTokensN", "totalCostSum", "totalCostN"];

function values(projectId: string, r: SpanDelta): unknown[] {
  // A row only taken out (a trace left its session) keeps its stored hours: those it went out at are within them.
  const first = Number.isFinite(r.inMin) ? r.inMin : r.outMin;
  const last = Number.isFinite(r.inMax) ? r.inMax : r.outMax;
  return [projectId, r.sessionId, r.key, r.name, first, last, r.count, r.tokens[0], r.tokens[1], r.cost[0], r.cost[1]];
}

/** Upserts the changed rows in the caller's transaction: counts and sums added, the hours widened. */
export async function applySessionSpans(store: WriteStore, projectId: string, deltas: SessionSpanDeltas): Promise<void> {
  const rows = deltas.changed().map((r) => values(projectId, r));
  if (!rows.length) return;
  const [least, greatest] = store.dialect.provider === "postgresql" ? ["LEAST", "GREATEST"] : ["MIN", "MAX"];
  const sets = [
    ...ADDED.map((c) => `"${c}" = "SessionSpan"."${c}" + excluded."${c}"`),
    `"firstHour" = ${least}("SessionSpan"."firstHour", excluded."firstHour")`,
    `"lastHour" = ${greatest}("SessionSpan"."lastHour", excluded."lastHour")`,
  ];
  const conflict = `ON CONFLICT ("projectId", "sessionId", "key") DO UPDATE SET ${sets.join(", ")}`;
  await store.insertRows("SessionSpan", COLUMNS, rows, conflict);
}
