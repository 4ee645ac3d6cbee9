// "Run on stored traces": a RULE_BACKFILL job pages every trace matching the
// rule's filter by a keyset on the trace id, in chunks, promoting the sampled
// ones (idempotent: traces already in the dataset are skipped). The cursor holds
// the last id and the running counts, so a resumed job goes on where it stopped.
import "server-only";
import type { Db } from "../../db/client";
import { DomainError } from "../../errors";
import { countTraces } from "../../traces/list";
import { traceWhere } from "../../traces/where";
import { enqueueJob, registerJobHandler } from "../../jobs/runner";
import type { JobView } from "../../jobs/schemas";
import { requireDataset } from "../datasets";
import { promoteForRule, recordMatches } from "./evaluate";
import type { BackfillResult } from "./schemas";
import { requireRuleRow, ruleFilter } from "./store";

const PAGE = 500;

export interface BackfillParams {
  ruleId: string;
}

interface BackfillCursor extends BackfillResult {
  after: string | null;
}

export async function startBackfill(client: Db, projectId: string, ruleId: string, actorUserId: string | null, opts: { start?: boolean } = {}): Promise<JobView> {
  const rule = await requireRuleRow(client, projectId, ruleId);
  if (!rule.datasetId) throw new DomainError("invalid", "This rule's dataset was deleted: pick another dataset first.", { path: "datasetId" });
  const filter = ruleFilter(rule);
  if (!filter) throw new DomainError("invalid", "This rule's filter no longer reads: edit its conditions.", { path: "conditions" });
  const total = await countTraces(client, projectId, filter);
  return enqueueJob(client, { projectId, kind: "RULE_BACKFILL", label: `Run rule "${rule.name}" on stored traces`, params: { ruleId } satisfies BackfillParams, createdByUserId: actorUserId, total }, opts);
}

registerJobHandler<BackfillParams>("RULE_BACKFILL", async (ctx) => {
  const { client, job } = ctx;
  const rule = await requireRuleRow(client, job.projectId, job.params.ruleId);
  if (!rule.datasetId) throw new DomainError("invalid", "The rule's dataset was deleted.", { path: "datasetId" });
  const dataset = await requireDataset(client, job.projectId, rule.datasetId);
  const filter = ruleFilter(rule);
  if (!filter) throw new DomainError("invalid", "The rule's filter no longer reads.", { path: "conditions" });
  const where = traceWhere(client, job.projectId, filter);
  const state: BackfillCursor = job.cursor ? (JSON.parse(job.cursor) as BackfillCursor) : { after: null, matched: 0, added: 0, skipped: 0, sampledOut: 0, failed: 0 };
  const total = await countTraces(client, job.projectId, filter);
  await ctx.progress({ done: state.matched, total });
  for (;;) {
    const after = state.after;
    const rows = after
      ? await client.$queryRaw<{ id: string }[]>`SELECT "t"."id" FROM "Trace" AS "t" WHERE ${where} AND "t"."id" > ${after} ORDER BY "t"."id" LIMIT ${PAGE}`
      : await client.$queryRaw<{ id: string }[]>`SELECT "t"."id" FROM "Trace" AS "t" WHERE ${where} ORDER BY "t"."id" LIMIT ${PAGE}`;
    if (!rows.length) break;
    const ids = rows.map((r) => String(r.id));
    const outcome = await promoteForRule(client, rule, dataset, ids);
    await recordMatches(client, rule.id, outcome.added);
    state.after = ids.at(-1)!;
    state.matched += ids.length;
    state.added += outcome.added;
    state.skipped += outcome.skipped;
    state.sampledOut += outcome.sampledOut;
    state.failed += outcome.failures.length;
    const { after: _after, ...result } = state;
    await ctx.progress({
      done: state.matched,
      total: Math.max(total, state.matched),
      failed: state.failed,
      cursor: JSON.stringify(state),
      result,
      failures: outcome.failures.map((f) => ({ source: `trace ${f.traceId}`, reason: f.reason })),
    });
    if (rows.length < PAGE) break;
  }
  const { after: _after, ...result } = state;
  return result;
});
