// Evaluators: create, edit, switch on and off, delete, read. Saving refuses a
// configuration that cannot work (an invalid regex, a schema that does not
// compile, a filter that does not fit traces) naming the field. Functions take
// the client so integration tests run them on both databases.
import "server-only";
import type { Db } from "../db/client";
import { DbNull } from "../db/models";
import { decode } from "../db/sql";
import { DomainError, isUniqueViolation } from "../errors";
import { isoAlways as iso, isoOrNull } from "../iso";
import { filterSchema, type Filter } from "../query/filter";
import { checkSampleRate } from "../query/sample";
import { checkTraceFilter } from "../traces/where";
import { requireDataset } from "../datasets/datasets";
import { checkLiveConfig, compileEvaluator } from "./evaluate";
import { evaluatorConfigSchema, type EvaluatorConfig, type EvaluatorKind, type EvaluatorListRow, type EvaluatorView } from "./schemas";

export interface EvaluatorWrite {
  name: string;
  config: EvaluatorConfig;
  /** run items of this dataset's runs are scored */
  datasetId: string | null;
  /** live traces matching it are scored; null: not on live traces */
  filter: Filter | null;
  /** 0..1 */
  sampleRate: number;
  enabled: boolean;
}

export type EvaluatorRow = Awaited<ReturnType<Db["evaluator"]["findFirstOrThrow"]>>;

/** A stored config; one that no longer parses (a model change) reads as null, and the evaluator is skipped. */
export function evaluatorConfig(row: Pick<EvaluatorRow, "config">): EvaluatorConfig | null {
  const r = evaluatorConfigSchema.safeParse(row.config);
  return r.success ? r.data : null;
}

/** The stored live filter: null when the evaluator is not on live traces (or its filter no longer reads). */
export function evaluatorFilter(row: Pick<EvaluatorRow, "filter">): Filter | null {
  if (row.filter === null || row.filter === undefined) return null;
  const r = filterSchema.safeParse(row.filter);
  return r.success ? r.data : null;
}

export function evaluatorView(row: EvaluatorRow, datasetName: string | null): EvaluatorView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as EvaluatorKind,
    config: evaluatorConfig(row),
    datasetId: row.datasetId,
    datasetName,
    filter: evaluatorFilter(row),
    sampleRate: row.sampleRate,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** The checks the schema cannot make, each naming the form's field. */
function check(input: EvaluatorWrite): void {
  compileEvaluator(input.config);
  if (!input.datasetId && !input.filter) {
    throw new DomainError("invalid", "Attach a dataset or switch live traces on: otherwise this evaluator never runs.", { path: "datasetId" });
  }
  if (input.filter) {
    checkLiveConfig(input.config);
    checkTraceFilter(input.filter);
  }
  checkSampleRate(input.sampleRate);
}

const nameTaken = (name: string) => new DomainError("conflict", `An evaluator named "${name}" already exists.`, { path: "name" });

const stored = (input: EvaluatorWrite) => ({
  name: input.name,
  kind: input.config.kind,
  config: input.config as unknown as object,
  datasetId: input.datasetId,
  filter: input.filter ? (input.filter as unknown as object) : DbNull,
  sampleRate: input.sampleRate,
  enabled: input.enabled,
});

export async function createEvaluator(client: Db, projectId: string, input: EvaluatorWrite, actorUserId: string | null): Promise<EvaluatorView> {
  check(input);
  const ds = input.datasetId ? await requireDataset(client, projectId, input.datasetId) : null;
  const now = new Date();
  try {
    // It applies to what is linked and arrives from now on; "Evaluate this run again" covers runs already there.
    const row = await client.evaluator.create({ data: { projectId, ...stored(input), cursor: now, runCursor: now, createdByUserId: actorUserId } });
    return evaluatorView(row, ds?.name ?? null);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function requireEvaluatorRow(client: Db, projectId: string, evaluatorId: string): Promise<EvaluatorRow> {
  const row = await client.evaluator.findFirst({ where: { id: evaluatorId, projectId } });
  if (!row) throw new DomainError("not_found", "That evaluator does not exist.", { path: "evaluatorId" });
  return row;
}

export async function updateEvaluator(client: Db, projectId: string, evaluatorId: string, input: EvaluatorWrite): Promise<EvaluatorView> {
  check(input);
  const prev = await requireEvaluatorRow(client, projectId, evaluatorId);
  const ds = input.datasetId ? await requireDataset(client, projectId, input.datasetId) : null;
  const switchedOn = input.enabled && !prev.enabled;
  const now = new Date();
  try {
    const row = await client.evaluator.update({
      where: { id: evaluatorId },
      data: {
        ...stored(input),
        ...(input.enabled ? { disabledReason: null } : {}),
        // A new dataset, live traces switched on, or the evaluator back on: from now on.
        ...(switchedOn || input.datasetId !== prev.datasetId ? { runCursor: now } : {}),
        ...(switchedOn || (input.filter && prev.filter === null) ? { cursor: now } : {}),
      },
    });
    return evaluatorView(row, ds?.name ?? null);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function setEvaluatorEnabled(client: Db, projectId: string, evaluatorId: string, enabled: boolean): Promise<void> {
  const prev = await requireEvaluatorRow(client, projectId, evaluatorId);
  if (enabled === prev.enabled) return;
  const now = new Date();
  await client.evaluator.update({ where: { id: evaluatorId }, data: enabled ? { enabled, disabledReason: null, cursor: now, runCursor: now } : { enabled } });
}

/** Deletes the evaluator and its results; the scores it wrote stay on their traces. */
export async function deleteEvaluator(client: Db, projectId: string, evaluatorId: string): Promise<void> {
  const n = await client.evaluator.deleteMany({ where: { id: evaluatorId, projectId } });
  if (!n.count) throw new DomainError("not_found", "That evaluator does not exist.", { path: "evaluatorId" });
}

async function datasetNames(client: Db, projectId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (!wanted.length) return new Map();
  const rows = await client.dataset.findMany({ where: { projectId, id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function getEvaluator(client: Db, projectId: string, evaluatorId: string): Promise<EvaluatorView> {
  const row = await requireEvaluatorRow(client, projectId, evaluatorId);
  const names = await datasetNames(client, projectId, [row.datasetId]);
  return evaluatorView(row, row.datasetId ? (names.get(row.datasetId) ?? null) : null);
}

/** Results counted per evaluator on the list: a page view never reads more than this many per evaluator. */
export const LIST_COUNT_CAP = 10_000;

/**
 * One evaluator's figures for the list, bounded: its latest `cap` results
 * (newest first through the (evaluatorId, updatedAt) index) counted by status,
 * and whether it has more (then the counts are lower bounds).
 */
async function resultFigures(client: Db, evaluatorId: string, cap: number): Promise<{ scored: number; errors: number; lastResultAt: Date | null; countedOver: number | null }> {
  const [rows, beyond] = await Promise.all([
    client.$queryRaw<{ status: string; n: unknown; last: unknown }[]>`
      SELECT "status", COUNT(*) AS "n", MAX("updatedAt") AS "last" FROM (
        SELECT "status", "updatedAt" FROM "EvaluatorResult" WHERE "evaluatorId" = ${evaluatorId} ORDER BY "updatedAt" DESC LIMIT ${cap}
      ) AS "latest" GROUP BY "status"`,
    client.evaluatorResult.findFirst({ where: { evaluatorId }, orderBy: { updatedAt: "desc" }, skip: cap, select: { id: true } }),
  ]);
  const count = (status: string) => decode.number(rows.find((r) => r.status === status)?.n);
  const last = rows.map((r) => decode.dateOrNull(r.last)?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
  return { scored: count("OK"), errors: count("ERROR"), lastResultAt: last ? new Date(last) : null, countedOver: beyond ? cap : null };
}

/**
 * Every evaluator of the project, by name, with the scores it wrote and the
 * errors it hit (over its latest LIST_COUNT_CAP results: an evaluator on a
 * million traces costs a page view no more than one on ten thousand).
 */
export async function listEvaluators(client: Db, projectId: string, opts: { countCap?: number } = {}): Promise<EvaluatorListRow[]> {
  const rows = await client.evaluator.findMany({ where: { projectId }, orderBy: { name: "asc" } });
  if (!rows.length) return [];
  const cap = opts.countCap ?? LIST_COUNT_CAP;
  const [names, figures] = await Promise.all([datasetNames(client, projectId, rows.map((r) => r.datasetId)), Promise.all(rows.map((r) => resultFigures(client, r.id, cap)))]);
  return rows.map((r, i) => {
    const f = figures[i];
    return { ...evaluatorView(r, r.datasetId ? (names.get(r.datasetId) ?? null) : null), scored: f.scored, errors: f.errors, lastResultAt: isoOrNull(f.lastResultAt), countedOver: f.countedOver };
  });
}

/** The enabled evaluators attached to a dataset (a run's evaluators). */
export async function evaluatorsOfDataset(client: Db, projectId: string, datasetId: string): Promise<EvaluatorRow[]> {
  return client.evaluator.findMany({ where: { projectId, datasetId, enabled: true }, orderBy: { name: "asc" } });
}
