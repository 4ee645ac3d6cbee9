// Datasets: create or update by name, edit, delete, list with counts.
// Functions take the client so integration tests run them on both databases.
import "server-only";
import type { Db } from "../db/client";
import { DbNull } from "../db/models";
import { DomainError, isUniqueViolation } from "../errors";
import { isoAlways as iso } from "../iso";
import { makeJsonStorable } from "../ingest/storable";
import { checkAgainst, compileSchema } from "./json-schema";
import type { DatasetInput, DatasetSummary, DatasetView } from "./schemas";

type DatasetRow = {
  id: string;
  projectId: string;
  name: string;
  description: string | null;
  metadata: unknown;
  inputSchema: unknown;
  expectedOutputSchema: unknown;
  createdAt: Date;
  updatedAt: Date;
};

export function datasetView(d: DatasetRow): DatasetView {
  return {
    id: d.id,
    projectId: d.projectId,
    name: d.name,
    description: d.description,
    // A model read: JSON fields are values already.
    metadata: d.metadata ?? null,
    inputSchema: d.inputSchema ?? null,
    expectedOutputSchema: d.expectedOutputSchema ?? null,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

/** Prisma data for the fields given: undefined keeps a field, null clears it (SQL NULL; Prisma needs its marker for Json?). */
function dataOf(input: Partial<DatasetInput>) {
  if (input.inputSchema !== undefined) compileSchema(input.inputSchema, ["inputSchema"]);
  if (input.expectedOutputSchema !== undefined) compileSchema(input.expectedOutputSchema, ["expectedOutputSchema"]);
  const out: Record<string, unknown> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.description !== undefined) out.description = input.description ?? null;
  for (const key of ["metadata", "inputSchema", "expectedOutputSchema"] as const) {
    const v = input[key];
    if (v !== undefined) out[key] = v === null ? DbNull : makeJsonStorable(v);
  }
  return out;
}

/**
 * Langfuse's POST /datasets: creates the dataset, or updates the one with that
 * name (fields given replace the stored ones; omitted fields are kept).
 */
export async function upsertDatasetByName(client: Db, projectId: string, input: DatasetInput): Promise<DatasetView> {
  const data = dataOf(input);
  const existing = await client.dataset.findFirst({ where: { projectId, name: input.name } });
  if (existing) {
    await checkStoredItems(client, projectId, existing.id, input, existing);
    return datasetView(await client.dataset.update({ where: { id: existing.id }, data }));
  }
  try {
    return datasetView(await client.dataset.create({ data: { ...data, projectId, name: input.name } }));
  } catch (err) {
    // Two creates raced: the other one won, so this is an update of it.
    if (isUniqueViolation(err)) return upsertDatasetByName(client, projectId, input);
    throw err;
  }
}

/** The UI's create: a taken name is a field error, not an update. */
export async function createDataset(client: Db, projectId: string, input: DatasetInput): Promise<DatasetView> {
  try {
    return datasetView(await client.dataset.create({ data: { ...dataOf(input), projectId, name: input.name } }));
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("conflict", `A dataset named "${input.name}" already exists.`, { path: "name" });
    throw err;
  }
}

export async function updateDataset(client: Db, projectId: string, datasetId: string, input: Partial<DatasetInput>): Promise<DatasetView> {
  const stored = await requireDataset(client, projectId, datasetId);
  const data = dataOf(input);
  await checkStoredItems(client, projectId, datasetId, input, stored);
  try {
    return datasetView(await client.dataset.update({ where: { id: datasetId }, data }));
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("conflict", `A dataset named "${input.name}" already exists.`, { path: "name" });
    throw err;
  }
}

const CHECK_BATCH = 1000;

/**
 * A schema given for a dataset that has items must fit every one of them (as
 * Langfuse refuses it): otherwise the next edit of an old item would fail on a
 * rule it was never held to. The first misfit is named by item id and path.
 * A schema sent again unchanged (an edit form sends it back) is not re-checked.
 */
async function checkStoredItems(
  client: Db,
  projectId: string,
  datasetId: string,
  input: Partial<DatasetInput>,
  stored: { inputSchema: unknown; expectedOutputSchema: unknown },
) {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const checks = (["inputSchema", "expectedOutputSchema"] as const)
    .filter((k) => input[k] !== undefined && input[k] !== null && !same(input[k], stored[k]))
    .map((k) => ({ field: k, value: k === "inputSchema" ? ("input" as const) : ("expectedOutput" as const), validate: compileSchema(input[k], [k]) }));
  if (!checks.length) return;
  for (let cursor: string | undefined; ; ) {
    const rows = await client.datasetItem.findMany({
      where: { projectId, datasetId, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true, input: true, expectedOutput: true },
      orderBy: { id: "asc" },
      take: CHECK_BATCH,
    });
    for (const row of rows) {
      for (const c of checks) {
        try {
          checkAgainst(c.validate, row[c.value], [c.value]);
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          throw new DomainError("invalid", `item "${row.id}" does not fit it: ${err.describe()}`, { path: c.field });
        }
      }
    }
    if (rows.length < CHECK_BATCH) return;
    cursor = rows[rows.length - 1].id;
  }
}

/** What deleting a dataset loses, for the confirmation. */
export async function datasetFootprint(client: Db, projectId: string, datasetId: string) {
  const [items, runs, rules] = await Promise.all([
    client.datasetItem.count({ where: { projectId, datasetId } }),
    client.datasetRun.count({ where: { projectId, datasetId } }),
    client.promotionRule.count({ where: { projectId, datasetId } }),
  ]);
  return { items, runs, rules };
}

/**
 * Deletes the dataset with its items, history and runs. Rules that fed it are
 * switched off with the reason shown on the rules page (their dataset link is
 * cleared by the foreign key).
 */
export async function deleteDataset(client: Db, projectId: string, datasetId: string): Promise<void> {
  const ds = await requireDataset(client, projectId, datasetId);
  await client.$transaction([
    client.promotionRule.updateMany({
      where: { projectId, datasetId },
      data: { enabled: false, disabledReason: `Its dataset "${ds.name}" was deleted.` },
    }),
    client.dataset.delete({ where: { id: datasetId } }),
  ]);
}

export async function requireDataset(client: Db, projectId: string, datasetId: string): Promise<DatasetView> {
  const ds = await client.dataset.findFirst({ where: { id: datasetId, projectId } });
  if (!ds) throw new DomainError("not_found", "That dataset does not exist.", { path: "datasetId" });
  return datasetView(ds);
}

export async function datasetByName(client: Db, projectId: string, name: string): Promise<DatasetView | null> {
  const ds = await client.dataset.findFirst({ where: { projectId, name } });
  return ds ? datasetView(ds) : null;
}

export async function requireDatasetByName(client: Db, projectId: string, name: string): Promise<DatasetView> {
  const ds = await datasetByName(client, projectId, name);
  if (!ds) throw new DomainError("not_found", `Dataset "${name}" not found.`, { path: "datasetName" });
  return ds;
}

/** Every dataset of the project with item count (active and archived), run count and last run, newest first. */
export async function listDatasets(client: Db, projectId: string): Promise<DatasetSummary[]> {
  const [datasets, items, runs] = await Promise.all([
    client.dataset.findMany({ where: { projectId }, orderBy: { createdAt: "desc" } }),
    client.datasetItem.groupBy({ by: ["datasetId"], where: { projectId }, _count: { _all: true } }),
    client.datasetRun.groupBy({ by: ["datasetId"], where: { projectId }, _count: { _all: true }, _max: { createdAt: true } }),
  ]);
  const itemCount = new Map(items.map((r) => [r.datasetId, r._count._all]));
  const runStats = new Map(runs.map((r) => [r.datasetId, r]));
  return datasets.map((d) => {
    const r = runStats.get(d.id);
    return { ...datasetView(d), itemCount: itemCount.get(d.id) ?? 0, runCount: r?._count._all ?? 0, lastRunAt: r?._max.createdAt ? iso(r._max.createdAt) : null };
  });
}
