// Answers a traces-view query grouped by userId or sessionId (top users, top
// sessions, cost by user) from the subject rollup (null when it cannot: the
// caller runs it on the rows). The range's whole UTC days come from the
// SubjectRollup day rows, the parts of a day at either end from the trace rows
// (the rows engine's own inner select); both are summed per subject in one SQL
// query, and only the groups that can make the row limit reach JS (as the rows
// engine's groups query cuts them). Serves count, sum and avg of count,
// totalCost and totalTokens, no time buckets, and the filters the key holds:
// the trace name and the subject itself (userId for users, sessionId for
// sessions); a session filtered by user, or a model filter, is the rows'.
// Top sessions by cost read the session spans first (serve-sessions.ts).
import { dialectOf, type Db, type Tx } from "../../db/client";
import { join, raw, sql, type Dialect, type Sql } from "../../db/sql";
import { buildConditions, type ViewColumns } from "../../query/where";
import type { MetricsRow } from "../query-schema";
import { shapeSpec } from "../rows/run";
import { orderAndLimit } from "../rows/shape";
import { dimColumn, innerSelect, measureColumn } from "../rows/sql";
import type { MetricsPlan } from "../validate";
import { rollupsEnabled } from "./maintain";
import { sessionGroupsFromSpans } from "./serve-sessions";
import { DAY_MS } from "./tables";

type Raw = Record<string, unknown>;
type Subject = "user" | "session";

const SUBJECTS: Record<string, Subject> = { userId: "user", sessionId: "session" };
const MEASURES = new Set(["count", "totalCost", "totalTokens"]);
const AGGREGATIONS = new Set(["count", "sum", "avg"]);

/** The subject a plan groups by when the subject rollup holds all of it; else null. */
export function subjectOf(plan: MetricsPlan): Subject | null {
  if (plan.view.name !== "traces" || plan.unit !== null || plan.dimensions.length !== 1) return null;
  const subject = Object.hasOwn(SUBJECTS, plan.dimensions[0].field) ? SUBJECTS[plan.dimensions[0].field] : null;
  if (!subject) return null;
  if (!plan.metrics.every((m) => MEASURES.has(m.measure) && AGGREGATIONS.has(m.aggregation) && !m.def.distinctCount)) return null;
  const columns = filterColumns(plan, subject);
  if (!plan.filters.every((f) => Object.hasOwn(columns, f.column))) return null;
  return subject;
}

/** Filter column → the rollup's column, with the traces view's own condition types (the same conditions). */
function filterColumns(plan: MetricsPlan, subject: Subject): ViewColumns {
  const on = (field: string, column: string) => ({ types: plan.view.filters[field].types, expr: raw(`"r"."${column}"`) });
  return { name: on("name", "name"), ...(subject === "user" ? { userId: on("userId", "subjectId") } : { sessionId: on("sessionId", "subjectId") }) };
}

const ceilDay = (d: Date) => new Date(Math.ceil(d.getTime() / DAY_MS) * DAY_MS);
const floorDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);

export async function serveSubjectsFromRollups(client: Db | Tx, projectId: string, plan: MetricsPlan): Promise<MetricsRow[] | null> {
  if (!rollupsEnabled()) return null;
  const subject = subjectOf(plan);
  if (!subject) return null;
  const days = { from: ceilDay(plan.from), to: floorDay(plan.to) };
  // Less than a whole day: the rows are few, and the rows engine answers them.
  if (days.from.getTime() >= days.to.getTime()) return null;
  const pending = await client.$queryRaw<Raw[]>(sql`SELECT 1 AS "x" FROM "RollupBackfill" WHERE "projectId" = ${projectId}`);
  if (pending.length) return null;

  const d = dialectOf(client);
  const measures = [...new Set(plan.metrics.map((m) => m.measure))].filter((m) => m !== "count");
  // Top sessions by cost: the costliest sessions inside the range and those crossing its ends, not every session.
  const spans =
    subject === "session" ? await sessionGroupsFromSpans(client, projectId, plan, measures, (only) => subjectsQuery(d, plan, projectId, subject, days, measures, only)) : null;
  const groups = spans ?? (await client.$queryRaw<Raw[]>(subjectsQuery(d, plan, projectId, subject, days, measures)));
  const rows = groups.map((g) => {
    const n = d.decode.number(g.n);
    const sums = (m: string): [number, number] => (m === "count" ? [n, n] : [d.decode.number(g[`s_${m}`]), d.decode.number(g[`n_${m}`])]);
    const v = g[dimColumn(0)];
    const row: MetricsRow = { [plan.dimensions[0].field]: v === null || v === undefined ? null : String(v) };
    for (const m of plan.metrics) {
      const [sum, count] = sums(m.measure);
      row[m.key] = m.aggregation === "count" ? count : m.aggregation === "sum" ? (count > 0 ? sum : 0) : count > 0 ? sum / count : null;
    }
    return row;
  });
  const spec = shapeSpec(plan);
  return orderAndLimit(rows, spec);
}

const q = (name: string) => raw(`"${name}"`);
const real = (s: Sql) => sql`CAST(${s} AS DOUBLE PRECISION)`;

/**
 * One row per subject: "d0", "n" and s_<m> / n_<m> (sum, count of non-null values) per measure, from the
 * whole days' rollup rows and the edges' trace rows; subjects whose traces all left (n = 0) left out.
 * `only`: just those subjects and the group without one.
 */
export function subjectsQuery(
  d: Dialect,
  plan: MetricsPlan,
  projectId: string,
  subject: Subject,
  days: { from: Date; to: Date },
  measures: readonly string[],
  only?: string[],
): Sql {
  const restrict = (column: Sql) => (only ? [only.length ? sql`(${column} IS NULL OR ${d.inList(column, only)})` : sql`${column} IS NULL`] : []);
  const where = [...buildConditions(d, filterColumns(plan, subject), plan.filters).where, ...restrict(raw(`"r"."subjectId"`))];
  const rolled = sql`SELECT ${join([
    sql`"r"."subjectId" AS ${q(dimColumn(0))}`,
    sql`"r"."count" AS "n"`,
    ...measures.flatMap((m) => [sql`${real(raw(`"r"."${m}Sum"`))} AS ${q(`s_${m}`)}`, sql`${raw(`"r"."${m}N"`)} AS ${q(`n_${m}`)}`]),
  ])} FROM "SubjectRollup" AS "r" WHERE ${join(
    [sql`"r"."projectId" = ${projectId}`, sql`"r"."subject" = ${subject}`, sql`"r"."start" >= ${days.from}`, sql`"r"."start" < ${days.to}`, ...where],
    " AND ",
  )}`;
  const edges = [
    [plan.from, days.from],
    [days.to, plan.to],
  ]
    .filter(([a, b]) => a.getTime() < b.getTime())
    .map(([from, to]) => {
      const inner = innerSelect(d, { ...plan, from, to }, projectId, measures);
      const cols = measures.flatMap((m) => {
        const c = q(measureColumn(m));
        return [sql`${real(c)} AS ${q(`s_${m}`)}`, sql`CASE WHEN ${c} IS NULL THEN 0 ELSE 1 END AS ${q(`n_${m}`)}`];
      });
      const edge = restrict(raw(`"e"."${dimColumn(0)}"`));
      return sql`SELECT ${join([q(dimColumn(0)), sql`1 AS "n"`, ...cols])} FROM (${inner}) AS "e"${edge.length ? sql` WHERE ${edge[0]}` : raw("")}`;
    });
  const sums = measures.flatMap((m) => [sql`${real(sql`SUM(${q(`s_${m}`)})`)} AS ${q(`s_${m}`)}`, sql`SUM(${q(`n_${m}`)}) AS ${q(`n_${m}`)}`]);
  const cut = topCut(plan);
  const cols = [q(dimColumn(0)), sql`SUM("n") AS "n"`, ...sums, ...(cut ? [sql`${cut.value} AS "v"`] : [])];
  const groups = sql`SELECT ${join(cols)} FROM (${join([rolled, ...edges], " UNION ALL ")}) AS "u" GROUP BY ${q(dimColumn(0))} HAVING SUM("n") > 0`;
  if (!cut) return groups;
  // As the rows engine's groups query: only the groups at or past the limit-th value of the first order key
  // (ties kept, so JS's order, which breaks ties by the other keys, picks the same rows). The groups are
  // materialized once (read twice, SQLite would otherwise group twice: top sessions at 2M, 0.75 s → 0.38 s).
  const dir = cut.direction === "desc" ? raw("DESC") : raw("ASC");
  const cmp = cut.direction === "desc" ? raw(">=") : raw("<=");
  return sql`WITH "grp" AS MATERIALIZED (${groups}), "cut" AS (SELECT "v" FROM "grp" ORDER BY "v" ${dir} LIMIT 1 OFFSET ${raw(String(cut.n - 1))})
    SELECT "grp".* FROM "grp" LEFT JOIN "cut" ON 1 = 1 WHERE "cut"."v" IS NULL OR "grp"."v" ${cmp} "cut"."v"`;
}

/** The first order key as an aggregate of the grouped rows, when it is a count or a sum (never null) and the plan has a row limit. */
function topCut(plan: MetricsPlan): { value: Sql; direction: "asc" | "desc"; n: number } | null {
  if (!plan.rowLimit || !plan.orderBy.length) return null;
  const { field, direction } = plan.orderBy[0];
  const m = plan.metrics.find((x) => x.key === field);
  if (!m || (m.aggregation !== "count" && m.aggregation !== "sum")) return null;
  if (m.measure === "count") return { value: sql`SUM("n")`, direction, n: plan.rowLimit };
  const s = sql`SUM(${q(`s_${m.measure}`)})`;
  const n = sql`SUM(${q(`n_${m.measure}`)})`;
  return { value: m.aggregation === "count" ? n : sql`CASE WHEN ${n} > 0 THEN ${real(s)} ELSE 0 END`, direction, n: plan.rowLimit };
}
