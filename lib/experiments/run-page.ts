// A run's page: its header (description, metadata, counts, aggregates,
// run-level scores, evaluation errors) and its items in link order, a page at a
// time, each with the dataset item's input and expected output (bounded
// previews, as the item was at the run's dataset version), what the run
// produced (results.ts) and the evaluator errors on it.
import "server-only";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { isoAlways as iso } from "../iso";
import { itemAsRunKey, itemPreviewsAsRun, type ItemRef } from "./item-as-run";
import { loadRunItemResults, type ResultScore } from "./results";
import { runFigures, type RunFigures } from "./run-list";
import { requireRun } from "./runs";

/** Characters of input, expected output and output a row shows. */
export const RUN_PREVIEW_CHARS = 400;
/** A run that linked an item this recently is still filling in: its page refreshes itself. */
export const LIVE_WINDOW_MS = 5 * 60_000;

export interface RunEvalError {
  evaluatorId: string;
  evaluatorName: string;
  error: string;
  at: string;
}

export interface RunPageItem {
  runItemId: string;
  datasetItemId: string;
  traceId: string;
  observationId: string | null;
  traceArrived: boolean;
  linkedAt: string;
  /** the dataset version the item was run at (null: the item as it is) */
  datasetVersion: string | null;
  inputPreview: string | null;
  expectedOutputPreview: string | null;
  outputPreview: string | null;
  latencyMs: number | null;
  totalCost: number | null;
  totalTokens: number | null;
  scores: ResultScore[];
  errors: RunEvalError[];
}

export interface RunHeader extends RunFigures {
  id: string;
  name: string;
  description: string | null;
  metadata: unknown;
  createdAt: string;
  updatedAt: string;
  /** evaluator errors on this run's items */
  errorCount: number;
  /** linked an item within LIVE_WINDOW_MS of `now` */
  live: boolean;
}

/** The run of this dataset with its figures, or a 404 (a run of another dataset is not found here either). */
export async function runHeader(client: Db, projectId: string, datasetId: string, runId: string, now = Date.now()): Promise<RunHeader> {
  const run = await requireRun(client, projectId, runId);
  if (run.datasetId !== datasetId) throw new DomainError("not_found", `dataset run "${runId}" not found`, { path: ["runId"] });
  const [figures, errorCount] = await Promise.all([
    runFigures(client, projectId, datasetId, [run.id]),
    client.evaluatorResult.count({ where: { projectId, datasetRunId: run.id, status: "ERROR" } }),
  ]);
  const f = figures.get(run.id)!;
  return {
    id: run.id,
    name: run.name,
    description: run.description,
    // A model read: JSON fields are values already.
    metadata: run.metadata ?? null,
    createdAt: iso(run.createdAt),
    updatedAt: iso(run.updatedAt),
    ...f,
    errorCount,
    live: !!f.lastLinkedAt && now - Date.parse(f.lastLinkedAt) < LIVE_WINDOW_MS,
  };
}

/** A value as one line of text for a preview (strings as they are, the rest as JSON), bounded. */
export function previewText(value: unknown, max = RUN_PREVIEW_CHARS): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A JSON column's bounded text as a preview: a JSON string shows its content, not its quotes. */
function jsonPreview(raw: unknown, max = RUN_PREVIEW_CHARS): string | null {
  if (raw === null || raw === undefined) return null;
  let text = typeof raw === "string" ? raw : JSON.stringify(raw);
  if (text === "null") return null;
  // The SQL cut may have split an escape; the JSON string's inside reads fine as text.
  if (text.startsWith('"')) {
    try {
      text = JSON.parse(text) as string;
    } catch {
      text = text.slice(1).replace(/\\"/g, '"').replace(/\\n/g, "\n");
    }
  }
  return text.length >= max ? `${text.slice(0, max)}…` : text;
}

type ItemText = { input: string | null; expectedOutput: string | null };

/** Dataset item input and expected output previews, as the run item ran it (item-as-run.ts). */
async function itemPreviews(client: Db, projectId: string, refs: ItemRef[]): Promise<Map<string, ItemText>> {
  // A preview longer than max gets an ellipsis: read one character more than shown.
  const raw = await itemPreviewsAsRun(client, projectId, refs, RUN_PREVIEW_CHARS + 1);
  const out = new Map<string, ItemText>();
  for (const [k, v] of raw) out.set(k, { input: jsonPreview(v.input), expectedOutput: jsonPreview(v.expectedOutput) });
  return out;
}

/** A page of a run's items in the order they were linked, with everything a row shows. */
export async function runPageItems(client: Db, projectId: string, runId: string, page: { page: number; limit: number }): Promise<{ rows: RunPageItem[]; total: number }> {
  const where = { projectId, datasetRunId: runId };
  const [runItems, total] = await Promise.all([
    client.datasetRunItem.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: page.limit, skip: (Math.max(1, page.page) - 1) * page.limit }),
    client.datasetRunItem.count({ where }),
  ]);
  if (!runItems.length) return { rows: [], total };
  const [results, previews, errors] = await Promise.all([
    loadRunItemResults(client, projectId, [runId], runItems.map((r) => r.datasetItemId)),
    itemPreviews(client, projectId, runItems.map((r) => ({ itemId: r.datasetItemId, version: r.datasetVersion }))),
    client.evaluatorResult.findMany({
      where: { projectId, datasetRunId: runId, status: "ERROR", targetType: "RUN_ITEM", targetId: { in: runItems.map((r) => r.id) } },
      select: { evaluatorId: true, targetId: true, error: true, updatedAt: true, evaluator: { select: { name: true } } },
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const resultOf = new Map(results.map((r) => [r.runItemId, r]));
  const errorsOf = new Map<string, RunEvalError[]>();
  for (const e of errors) {
    errorsOf.set(e.targetId, [...(errorsOf.get(e.targetId) ?? []), { evaluatorId: e.evaluatorId, evaluatorName: e.evaluator.name, error: e.error ?? "failed", at: iso(e.updatedAt) }]);
  }
  const rows = runItems.map((ri): RunPageItem => {
    const res = resultOf.get(ri.id);
    const text = previews.get(itemAsRunKey(ri.datasetItemId, ri.datasetVersion));
    return {
      runItemId: ri.id,
      datasetItemId: ri.datasetItemId,
      traceId: ri.traceId,
      observationId: ri.observationId,
      traceArrived: res?.traceArrived ?? false,
      linkedAt: iso(ri.updatedAt),
      datasetVersion: ri.datasetVersion ? iso(ri.datasetVersion) : null,
      inputPreview: text?.input ?? null,
      expectedOutputPreview: text?.expectedOutput ?? null,
      outputPreview: previewText(res?.output),
      latencyMs: res?.latencyMs ?? null,
      totalCost: res?.totalCost ?? null,
      totalTokens: res?.totalTokens ?? null,
      scores: res?.scores ?? [],
      errors: errorsOf.get(ri.id) ?? [],
    };
  });
  return { rows, total };
}
