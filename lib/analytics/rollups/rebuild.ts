// Recomputes rollup hours from the rows: each hour's rollup rows are deleted
// and written again from the traces, observations and scores of that hour, in
// one write transaction (the same contributions the writer uses, contrib.ts);
// its day rows take the old hour rows out and the new ones in, so a day stays
// the sum of its hours. SQLite has one writer, so no ingestion delta can slip
// in between; on PostgreSQL the transaction first locks the rollup tables, so
// a concurrent writer's delta lands either wholly before the recomputation
// reads the rows (and is recomputed) or wholly after it. The subject rollup
// has no hours to take out of its days: its days that the range touches are
// recomputed whole (a project's rebuild does each day once, in the
// transaction of its first hour).
import type { Db } from "../../db/client";
import { decode, join, raw, sql, type Sql } from "../../db/sql";
import { withWriteStore, type Row, type WriteStore } from "../../ingest/store";
import { applyRollupDeltas } from "./apply";
import { applySessionSpans } from "./session-spans";
import { observationContribution, scoreContribution, subjectContributions, traceContribution, type Contribution } from "./contrib";
import { RollupDeltas } from "./deltas";
import { decodeSketch } from "./sketch-text";
import { DAY_MS, HOUR_MS, ROLLUP_KINDS, ROLLUP_TABLES, sketchColumn, type RollupKind } from "./tables";

const date = (v: unknown) => (v === null || v === undefined ? null : decode.date(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

const HOURLY_KINDS = ROLLUP_KINDS.filter((k) => !ROLLUP_TABLES[k].dayOnly);
const HOURLY: ReadonlySet<RollupKind> = new Set(HOURLY_KINDS);
const SUBJECT: ReadonlySet<RollupKind> = new Set(["subject"]);

async function lockRollupTables(store: WriteStore) {
  if (store.dialect.provider !== "postgresql") return;
  await store.exec(sql`LOCK TABLE ${join([...ROLLUP_KINDS.map((k) => raw(`"${ROLLUP_TABLES[k].table}"`)), raw(`"SessionSpan"`)])} IN EXCLUSIVE MODE`);
}

/**
 * Recomputes the rollups of [from, to) (hour-aligned) from the rows, inside the caller's write transaction;
 * the subject rollup's whole UTC days that the range touches, unless `subjects` is false.
 */
export async function rebuildRange(store: WriteStore, projectId: string, from: Date, to: Date, opts: { subjects?: boolean } = {}): Promise<void> {
  await lockRollupTables(store);
  // The days lose what the old hour rows held (every shard's), then gain the recomputed hours.
  const days = new RollupDeltas({ spans: false });
  for (const k of HOURLY_KINDS) {
    const t = ROLLUP_TABLES[k];
    const inRange = sql`"projectId" = ${projectId} AND "grain" = 'hour' AND "start" >= ${from} AND "start" < ${to}`;
    for (const r of await store.query(sql`SELECT * FROM ${raw(`"${t.table}"`)} WHERE ${inRange}`)) {
      const figures = {
        count: Number(r.count),
        sums: t.measures.flatMap((m) => [Number(r[`${m}Sum`]), Number(r[`${m}N`])]),
        sketches: t.sketched.map((m) => decodeSketch(r[sketchColumn(m)])),
      };
      days.addStored(k, "hour", decode.date(r.start).getTime(), t.dims.map((c) => str(r[c])), figures, -1);
    }
    await store.exec(sql`DELETE FROM ${raw(`"${t.table}"`)} WHERE ${inRange}`);
  }
  const hours = new RollupDeltas({ spans: false });
  await addRows(store, projectId, hours, 1, {
    traces: sql`"t"."timestamp" >= ${from} AND "t"."timestamp" < ${to}`,
    observations: sql`"o"."startTime" >= ${from} AND "o"."startTime" < ${to}`,
    scores: sql`"s"."timestamp" >= ${from} AND "s"."timestamp" < ${to}`,
  }, HOURLY);
  for (const r of hours.rows) days.addStored(r.kind, r.grain, r.start, r.id, r, 1);
  await applyRollupDeltas(store, projectId, hours, days);
  if (opts.subjects !== false) await rebuildSubjectDays(store, projectId, new Date(Math.floor(from.getTime() / DAY_MS) * DAY_MS), new Date(Math.ceil(to.getTime() / DAY_MS) * DAY_MS));
}

/** The subject rollup's days in [from, to) (day-aligned), deleted (every shard's) and recomputed from the traces. */
export async function rebuildSubjectDays(store: WriteStore, projectId: string, from: Date, to: Date): Promise<void> {
  // The kinds named, so the primary key (projectId, subject, start, …) finds the days' rows.
  await store.exec(sql`DELETE FROM "SubjectRollup" WHERE "projectId" = ${projectId} AND "subject" IN ('user', 'session') AND "start" >= ${from} AND "start" < ${to}`);
  // The session spans are all time: recomputed apart (rebuildSessionSpans), not from a range of days.
  const deltas = new RollupDeltas({ spans: false });
  await addRows(store, projectId, deltas, 1, { traces: sql`"t"."timestamp" >= ${from} AND "t"."timestamp" < ${to}` }, SUBJECT);
  await applyRollupDeltas(store, projectId, deltas);
}

/**
 * Adds (sign 1) or takes out (sign −1) the contributions of the rows matching each condition (traces
 * aliased "t", observations "o", scores "s"; a missing condition reads none of that kind), to the rollups of
 * `kinds` (default: all).
 */
export async function addRows(
  store: WriteStore,
  projectId: string,
  into: RollupDeltas,
  sign: 1 | -1,
  where: { traces?: Sql; observations?: Sql; scores?: Sql },
  kinds: ReadonlySet<RollupKind> = new Set(ROLLUP_KINDS),
): Promise<void> {
  const deltas = { add: (c: Contribution | null, s: 1 | -1) => (c && kinds.has(c.kind) ? into.add(c, s) : undefined) };
  const traces = !where.traces ? [] : await store.query(sql`
    SELECT "t"."timestamp", "t"."name", "t"."userId", "t"."sessionId", "t"."environment", "t"."release", "t"."version", "t"."models", "t"."errorCount", "t"."warningCount", "t"."latencyMs", "t"."observationCount", "t"."totalTokens", "t"."totalCost"
    FROM "Trace" AS "t" WHERE "t"."projectId" = ${projectId} AND ${where.traces}`);
  for (const t of traces) {
    const subject = { timestamp: date(t.timestamp)!, name: str(t.name), userId: str(t.userId), sessionId: str(t.sessionId), totalTokens: Number(t.totalTokens), totalCost: num(t.totalCost) };
    for (const c of subjectContributions(subject)) deltas.add(c, sign);
    deltas.add(
      traceContribution({
        timestamp: date(t.timestamp)!,
        name: str(t.name),
        environment: String(t.environment),
        release: str(t.release),
        version: str(t.version),
        models: decode.json<string[] | null>(t.models, null),
        errorCount: Number(t.errorCount),
        warningCount: Number(t.warningCount),
        latencyMs: num(t.latencyMs),
        observationCount: Number(t.observationCount),
        totalTokens: Number(t.totalTokens),
        totalCost: num(t.totalCost),
      }),
      sign,
    );
  }
  const observations = !where.observations ? [] : await store.query(sql`
    SELECT "o"."type", "o"."name", "o"."startTime", "o"."endTime", "o"."completionStartTime", "o"."level", "o"."environment", "o"."model",
      "o"."inputTokens", "o"."outputTokens", "o"."totalTokens", "o"."inputCost", "o"."outputCost", "o"."totalCost", "t"."name" AS "traceName"
    FROM "Observation" AS "o" LEFT JOIN "Trace" AS "t" ON "t"."projectId" = "o"."projectId" AND "t"."id" = "o"."traceId"
    WHERE "o"."projectId" = ${projectId} AND ${where.observations}`);
  for (const o of observations) {
    deltas.add(
      observationContribution(
        {
          type: String(o.type),
          name: str(o.name),
          startTime: date(o.startTime)!,
          endTime: date(o.endTime),
          completionStartTime: date(o.completionStartTime),
          level: String(o.level),
          environment: String(o.environment),
          model: str(o.model),
          inputTokens: num(o.inputTokens),
          outputTokens: num(o.outputTokens),
          totalTokens: num(o.totalTokens),
          inputCost: num(o.inputCost),
          outputCost: num(o.outputCost),
          totalCost: num(o.totalCost),
        },
        str(o.traceName),
      ),
      sign,
    );
  }
  const scores: Row[] = !where.scores ? [] : await store.query(sql`
    SELECT "s"."timestamp", "s"."name", "s"."source", "s"."dataType", "s"."stringValue", "s"."value", "s"."environment",
      "t"."id" AS "traceRowId", "t"."name" AS "traceName", "t"."release" AS "traceRelease", "t"."models" AS "traceModels", "o"."model" AS "observationModel"
    FROM "Score" AS "s" LEFT JOIN "Trace" AS "t" ON "t"."projectId" = "s"."projectId" AND "t"."id" = "s"."traceId"
    LEFT JOIN "Observation" AS "o" ON "o"."projectId" = "s"."projectId" AND "o"."id" = "s"."observationId"
    WHERE "s"."projectId" = ${projectId} AND ${where.scores} AND "s"."dataType" IN ('NUMERIC', 'BOOLEAN', 'CATEGORICAL')`);
  for (const s of scores) {
    const trace =
      s.traceRowId === null || s.traceRowId === undefined ? null : { name: str(s.traceName), release: str(s.traceRelease), models: decode.json<string[] | null>(s.traceModels, null) };
    deltas.add(
      scoreContribution(
        { timestamp: date(s.timestamp)!, name: String(s.name), source: String(s.source), dataType: String(s.dataType), stringValue: str(s.stringValue), value: num(s.value), environment: String(s.environment) },
        trace,
        str(s.observationModel),
      ),
      sign,
    );
  }
}

/** The first hour at or after `from` holding any trace, observation or score of the project (null: none). */
export async function nextHourWithRows(client: Db, projectId: string, from: Date): Promise<Date | null> {
  const rows = await client.$queryRaw<Row[]>(sql`SELECT
    (SELECT MIN("timestamp") FROM "Trace" WHERE "projectId" = ${projectId} AND "timestamp" >= ${from}) AS "t",
    (SELECT MIN("startTime") FROM "Observation" WHERE "projectId" = ${projectId} AND "startTime" >= ${from}) AS "o",
    (SELECT MIN("timestamp") FROM "Score" WHERE "projectId" = ${projectId} AND "timestamp" >= ${from}) AS "s"`);
  const times = ["t", "o", "s"].map((k) => date(rows[0]?.[k])).filter((d): d is Date => d !== null).map((d) => d.getTime());
  if (!times.length) return null;
  return new Date(Math.floor(Math.min(...times) / HOUR_MS) * HOUR_MS);
}

/**
 * Recomputes every hour of a project holding rows, one transaction per hour (oldest first), calling
 * `progress` with the next hour after each, then its session spans. Resumes at `cursor`. Used by the backfill job and by tests
 * that seed rows directly.
 */
export async function rebuildProject(client: Db, projectId: string, opts: { cursor?: Date | null; onHour?: (next: Date) => Promise<void> } = {}): Promise<number> {
  let hour = opts.cursor ?? new Date(0);
  let n = 0;
  let subjectDay = -1;
  for (;;) {
    const next = await nextHourWithRows(client, projectId, hour);
    if (!next) {
      await rebuildSessionSpans(client, projectId);
      return n;
    }
    const end = new Date(next.getTime() + HOUR_MS);
    const day = Math.floor(next.getTime() / DAY_MS);
    await withWriteStore(client, (store) => rebuildRange(store, projectId, next, end, { subjects: day !== subjectDay }));
    subjectDay = day;
    n++;
    hour = end;
    await opts.onHour?.(end);
  }
}

const SESSION_CHUNK = 2000;

/**
 * Recomputes a project's session spans from its traces, SESSION_CHUNK sessions per write transaction (in
 * session id order; the rows of sessions past the last one, which no trace holds any more, go too). Each
 * chunk's rows are deleted and written again from the traces in one transaction, after locking the rollup
 * tables on PostgreSQL, so a concurrent writer's delta lands wholly before (and is recomputed) or after.
 */
export async function rebuildSessionSpans(client: Db, projectId: string): Promise<number> {
  let after: string | null = null;
  let sessions = 0;
  for (;;) {
    const ids: Row[] = await client.$queryRaw<Row[]>(sql`SELECT DISTINCT "sessionId" FROM "Trace"
      WHERE "projectId" = ${projectId} AND "sessionId" IS NOT NULL ${after === null ? raw("") : sql`AND "sessionId" > ${after}`}
      ORDER BY "sessionId" LIMIT ${SESSION_CHUNK}`);
    const last: string | null = ids.length === SESSION_CHUNK ? String(ids[ids.length - 1].sessionId) : null;
    const inChunk = (column: Sql): Sql[] => [...(after === null ? [] : [sql`${column} > ${after}`]), ...(last === null ? [] : [sql`${column} <= ${last}`])];
    await withWriteStore(client, async (store) => {
      await lockRollupTables(store);
      await store.exec(sql`DELETE FROM "SessionSpan" WHERE ${join([sql`"projectId" = ${projectId}`, ...inChunk(sql`"sessionId"`)], " AND ")}`);
      const deltas = new RollupDeltas();
      const traces = join([sql`"t"."sessionId" IS NOT NULL`, ...inChunk(sql`"t"."sessionId"`)], " AND ");
      await addRows(store, projectId, deltas, 1, { traces }, SUBJECT);
      await applySessionSpans(store, projectId, deltas.spans!);
    });
    sessions += ids.length;
    if (last === null) return sessions;
    after = last;
  }
}
