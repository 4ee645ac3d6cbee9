// SQL conditions for a trace filter, written once for both providers. Every
// condition uses the trace row's own columns and rollups where it can, so the
// common filters ride the (projectId, ...) indexes instead of scanning observations.
import { dialectOf, type Db } from "../db/client";
import { join, sql, type Sql } from "../db/sql";
import type { TraceFilter } from "./schemas";
import { traceScoreLabel, traceScoreNumber } from "./score-value";

const T = (col: string) => sql([`"t"."${col}"`] as unknown as TemplateStringsArray);

const SCORE_OPS: Record<string, Sql> = {
  "=": sql`=`,
  "!=": sql`<>`,
  "<": sql`<`,
  "<=": sql`<=`,
  ">": sql`>`,
  ">=": sql`>=`,
};

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export function traceWhere(client: Db, projectId: string, f: TraceFilter): Sql {
  const d = dialectOf(client);
  const c: Sql[] = [sql`"t"."projectId" = ${projectId}`];
  if (f.from) c.push(sql`"t"."timestamp" >= ${f.from}`);
  if (f.to) c.push(sql`"t"."timestamp" <= ${f.to}`);
  if (f.name?.length) c.push(sql`"t"."name" IN (${join(f.name)})`);
  if (f.userId) c.push(sql`"t"."userId" = ${f.userId}`);
  if (f.sessionId) c.push(sql`"t"."sessionId" = ${f.sessionId}`);
  if (f.environment?.length) c.push(sql`"t"."environment" IN (${join(f.environment)})`);
  if (f.release) c.push(sql`"t"."release" = ${f.release}`);
  if (f.version) c.push(sql`"t"."version" = ${f.version}`);
  if (f.ids?.length) c.push(sql`"t"."id" IN (${join(f.ids)})`);
  for (const tag of f.tags ?? []) {
    // SQLite: a cheap substring test on the short tags text first, so json_each
    // only runs on the rows that can match (it costs ~10x a substring test).
    if (d.provider === "sqlite") c.push(sql`instr(${T("tags")}, ${JSON.stringify(tag)}) > 0`);
    c.push(d.jsonArrayContains(T("tags"), tag));
  }
  if (f.level === "error") c.push(sql`"t"."errorCount" > 0`);
  if (f.level === "warning") c.push(sql`("t"."warningCount" > 0 OR "t"."errorCount" > 0)`);
  // A model name also finds its dated versions: "gpt-4o" matches "gpt-4o-2024-08-06" (any element starting with it).
  if (f.model) c.push(d.ilike(d.asText(T("models")), `%"${escapeLike(f.model)}%`));
  if (f.minLatency !== undefined) c.push(sql`"t"."latencyMs" >= ${f.minLatency}`);
  if (f.maxLatency !== undefined) c.push(sql`"t"."latencyMs" <= ${f.maxLatency}`);
  if (f.minCost !== undefined) c.push(sql`"t"."totalCost" >= ${f.minCost}`);
  if (f.maxCost !== undefined) c.push(sql`"t"."totalCost" <= ${f.maxCost}`);
  if (f.bookmarked !== undefined) c.push(sql`"t"."bookmarked" = ${f.bookmarked}`);
  for (const m of f.metadata ?? []) c.push(sql`${d.jsonText(T("metadata"), m.key)} = ${m.value}`);
  // A score condition is on the trace's own score, the value its column shows (score-value.ts).
  for (const s of f.score ?? []) {
    c.push(typeof s.value === "number" ? sql`${traceScoreNumber(s.name)} ${SCORE_OPS[s.op]} ${s.value}` : sql`${traceScoreLabel(s.name)} ${SCORE_OPS[s.op]} ${s.value}`);
  }
  if (f.search) {
    const pattern = `%${escapeLike(f.search)}%`;
    c.push(sql`(${d.ilike(d.asText(T("input")), pattern)} OR ${d.ilike(d.asText(T("output")), pattern)} OR ${d.ilike(T("name"), pattern)} OR "t"."id" = ${f.search})`);
  }
  return join(c, " AND ");
}
