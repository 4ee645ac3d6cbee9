// Promotion rules on arrival and on change. Per project: the traces that
// changed since the oldest rule cursor (a trace row rewritten by ingestion, or a
// score written on it — a score does not touch its trace's row), then per
// enabled rule its filter on just those ids (the traces where-builder), the
// sample, and promote() into the rule's dataset. Idempotent: a trace looked at
// again is skipped by its promotion key. Runs off the request path (nudge.ts).
import "server-only";
import { dialectOf, type Db } from "../../db/client";
import type { Filter } from "../../query/filter";
import { traceWhere } from "../../traces/where";
import { datasetView } from "../datasets";
import { promotionKey } from "../items";
import { promote } from "../promote";
import type { DatasetView } from "../schemas";
import { sampled } from "../../query/sample";
import { ruleFilter, ruleMapping, type RuleRow } from "./store";

/**
 * How far before its cursor a rule looks again: a row stamped before the
 * evaluation read may commit after it. On SQLite the one writer stamps its
 * rows once it holds the write lock (lib/ingest/write.ts), so only a
 * transaction's own length matters; on PostgreSQL writers run side by side and
 * may wait on each other's locks after stamping, so the window is wider.
 */
export const RULE_LAG_MS = 2_000;
const PG_RULE_LAG_MS = 10_000;
/** Changed rows read per source per evaluation; when cut short, the cursor stops at the last row read. */
const MAX_CANDIDATES = 50_000;
/** Ids per filter query (under SQLite's bound-parameter limit with the filter's own). */
const CHUNK = 400;

export interface EvaluationSummary {
  rules: number;
  candidates: number;
  matched: number;
  added: number;
}

/**
 * Trace id → when it last changed (its row or one of its scores), for rows
 * changed after `since`. `ignoreScoreIds`: scores whose id starts so are left
 * out (evaluators ignore their own scores, which would otherwise send every
 * trace they score back to them once more).
 */
export async function changedSince(client: Db, projectId: string, since: Date, opts: { ignoreScoreIds?: string } = {}): Promise<{ changedAt: Map<string, number>; cutAt: Date | null }> {
  const [traces, scores] = await Promise.all([
    client.trace.findMany({ where: { projectId, updatedAt: { gt: since } }, select: { id: true, updatedAt: true }, orderBy: { updatedAt: "asc" }, take: MAX_CANDIDATES }),
    client.score.findMany({
      where: { projectId, updatedAt: { gt: since }, traceId: { not: null }, ...(opts.ignoreScoreIds ? { NOT: { id: { startsWith: opts.ignoreScoreIds } } } : {}) },
      select: { traceId: true, updatedAt: true },
      orderBy: { updatedAt: "asc" },
      take: MAX_CANDIDATES,
    }),
  ]);
  const changedAt = new Map<string, number>();
  const note = (id: string, at: Date) => changedAt.set(id, Math.max(changedAt.get(id) ?? 0, at.getTime()));
  for (const t of traces) note(t.id, t.updatedAt);
  for (const s of scores) note(s.traceId!, s.updatedAt);
  const cuts = [traces.length === MAX_CANDIDATES ? traces.at(-1)!.updatedAt : null, scores.length === MAX_CANDIDATES ? scores.at(-1)!.updatedAt : null].filter((d): d is Date => !!d);
  return { changedAt, cutAt: cuts.length ? new Date(Math.min(...cuts.map((d) => d.getTime()))) : null };
}

/** The ids among `ids` that match the filter, by the traces table's where-builder. */
export async function matchingAmong(client: Db, projectId: string, filter: Filter, ids: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const where = traceWhere(client, projectId, [...filter, { type: "stringOptions", column: "id", operator: "any of", value: ids.slice(i, i + CHUNK) }]);
    const rows = await client.$queryRaw<{ id: string }[]>`SELECT "t"."id" FROM "Trace" AS "t" WHERE ${where}`;
    for (const r of rows) out.push(String(r.id));
  }
  return out;
}

/**
 * Promotes the matching, sampled traces a rule has not promoted yet; returns
 * how many items it added. Traces already in the dataset are dropped before
 * promote() so their payloads are never read again.
 */
export async function promoteForRule(client: Db, rule: RuleRow, dataset: DatasetView, traceIds: string[]): Promise<{ added: number; skipped: number; sampledOut: number; failures: { traceId: string; reason: string }[] }> {
  const picked = traceIds.filter((id) => sampled(rule.id, id, rule.sampleRate));
  const sampledOut = traceIds.length - picked.length;
  const present = new Set<string>();
  for (let i = 0; i < picked.length; i += CHUNK) {
    const keys = picked.slice(i, i + CHUNK).map((id) => promotionKey(id));
    const rows = await client.datasetItem.findMany({ where: { datasetId: dataset.id, promotionKey: { in: keys } }, select: { sourceTraceId: true } });
    for (const r of rows) if (r.sourceTraceId) present.add(r.sourceTraceId);
  }
  const fresh = picked.filter((id) => !present.has(id));
  let added = 0;
  let skipped = present.size;
  const failures: { traceId: string; reason: string }[] = [];
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const outcome = await promote(client, [dataset], fresh.slice(i, i + CHUNK).map((traceId) => ({ traceId })), ruleMapping(rule), { actorUserId: null, origin: "RULE", ruleId: rule.id });
    added += outcome.added;
    skipped += outcome.skipped + outcome.updated;
    for (const f of outcome.failures) failures.push({ traceId: f.source.traceId, reason: f.reason });
  }
  return { added, skipped, sampledOut, failures };
}

/** Counts what a rule created; the counter and last match are what the rules list shows. */
export async function recordMatches(client: Db, ruleId: string, added: number, data: { cursor?: Date } = {}): Promise<void> {
  if (!added && !data.cursor) return;
  await client.promotionRule.updateMany({
    where: { id: ruleId },
    data: { ...(added ? { itemsCreated: { increment: added }, lastMatchAt: new Date() } : {}), ...(data.cursor ? { cursor: data.cursor } : {}) },
  });
}

/**
 * Evaluates every enabled rule of a project on what changed since its cursor.
 * A rule that fails is logged and left for the next look (its cursor stays).
 */
export async function evaluateRules(client: Db, projectId: string, now: Date = new Date()): Promise<EvaluationSummary> {
  const summary: EvaluationSummary = { rules: 0, candidates: 0, matched: 0, added: 0 };
  // A rule whose dataset is gone (deleteDataset switched it off) is never looked at.
  const rules = await client.promotionRule.findMany({ where: { projectId, enabled: true, datasetId: { not: null } } });
  if (!rules.length) return summary;
  const lag = dialectOf(client).provider === "postgresql" ? PG_RULE_LAG_MS : RULE_LAG_MS;
  const sinceOf = (r: RuleRow) => (r.cursor ?? r.createdAt).getTime() - lag;
  const oldest = Math.min(...rules.map(sinceOf));
  const { changedAt, cutAt } = await changedSince(client, projectId, new Date(oldest));
  summary.candidates = changedAt.size;
  const datasets = new Map(
    (await client.dataset.findMany({ where: { projectId, id: { in: rules.map((r) => r.datasetId!) } } })).map((d) => [d.id, datasetView(d)]),
  );
  // Cut short: this look stops at the last row read; the next one goes on from there.
  const cursor = cutAt ?? now;
  for (const rule of rules) {
    try {
      const dataset = datasets.get(rule.datasetId!);
      const filter = ruleFilter(rule);
      if (!dataset || !filter) continue;
      summary.rules++;
      const since = sinceOf(rule);
      const ids = [...changedAt].filter(([, at]) => at > since).map(([id]) => id);
      if (!ids.length) {
        // Nothing changed for this rule: keep the cursor from falling behind, without a write per look.
        if (now.getTime() - (rule.cursor?.getTime() ?? 0) > 60_000) await recordMatches(client, rule.id, 0, { cursor });
        continue;
      }
      const matched = await matchingAmong(client, projectId, filter, ids);
      summary.matched += matched.length;
      const outcome = matched.length ? await promoteForRule(client, rule, dataset, matched) : { added: 0, failures: [] };
      summary.added += outcome.added;
      if (outcome.failures.length) console.warn(`promotion rule ${rule.id}: ${outcome.failures.length} traces not promoted, e.g. ${outcome.failures[0].traceId}: ${outcome.failures[0].reason}`);
      await recordMatches(client, rule.id, outcome.added, { cursor });
    } catch (err) {
      console.error(`promotion rule ${rule.id} (${rule.name}) failed; it is looked at again next time`, err);
    }
  }
  return summary;
}

/** Every project with an enabled rule (the background poll looks at them all). */
export async function projectsWithRules(client: Db): Promise<string[]> {
  const rows = await client.promotionRule.findMany({ where: { enabled: true, datasetId: { not: null } }, select: { projectId: true }, distinct: ["projectId"] });
  return rows.map((r) => r.projectId);
}
