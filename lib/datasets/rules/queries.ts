// Promotion rule reads for pages (the process-wide client).
import "server-only";
import { db } from "../../db/client";
import { decode } from "../../db/sql";
import { jobView } from "../../jobs/runner";
import type { JobView } from "../../jobs/schemas";
import { scoreNames } from "../../traces/options";
import { listDatasets } from "../datasets";
import type { RuleMatchView } from "./schemas";
import { getRule, listRules } from "./store";

export const rulesOfProject = (projectId: string) => listRules(db, projectId);
export const ruleById = (projectId: string, ruleId: string) => getRule(db, projectId, ruleId);

/** The datasets a rule may feed, by name. */
export async function datasetOptions(projectId: string): Promise<{ id: string; name: string }[]> {
  return (await listDatasets(db, projectId)).map((d) => ({ id: d.id, name: d.name })).sort((a, b) => a.name.localeCompare(b.name));
}

const PREVIEW = 160;

/** The latest items the rule created, newest first, each linked to its trace. */
export async function lastMatches(projectId: string, datasetId: string | null, ruleId: string, limit = 20): Promise<RuleMatchView[]> {
  if (!datasetId) return [];
  const rows = await db.datasetItem.findMany({
    where: { projectId, datasetId, ruleId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, datasetId: true, sourceTraceId: true, createdAt: true, input: true },
  });
  return rows.map((r) => {
    const text = r.input === null || r.input === undefined ? "" : typeof r.input === "string" ? r.input : JSON.stringify(r.input);
    return { itemId: r.id, datasetId: r.datasetId, traceId: r.sourceTraceId, createdAt: r.createdAt.toISOString(), inputPreview: text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text };
  });
}

/** The rule's latest backfill job, if any (the page shows its progress again when reopened). */
export async function latestBackfill(projectId: string, ruleId: string): Promise<JobView | null> {
  const jobs = await db.job.findMany({ where: { projectId, kind: "RULE_BACKFILL" }, orderBy: { createdAt: "desc" }, take: 50 });
  const job = jobs.find((j) => decode.json<{ ruleId?: string }>(j.params, {}).ruleId === ruleId);
  return job ? jobView(job) : null;
}

/** What the rule form offers: the datasets, and the score names seen in the project (a hint). */
export async function ruleFormOptions(projectId: string) {
  const [datasets, scores] = await Promise.all([datasetOptions(projectId), scoreNames(db, projectId)]);
  return { datasets, scoreNames: scores };
}
