// Compare runs of a dataset against a baseline: one row per dataset item,
// per run its output, scores, latency and cost with deltas; regressions and
// improvements by the pass rules; header aggregates over every item.
// Filtering and sorting span all items, so every item is classified from its
// figures (compare-figures.ts) and outputs are loaded for one page only.
import "server-only";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { isoAlways as iso } from "../iso";
import { cellKey, loadOutputChanges, loadRunItemFigures, type RunItemFigures } from "./compare-figures";
import { aggregateRuns, compareItems, filterItems, sortItems, type CompareFilter, type CompareSort, type ItemComparison, type RunAggregate, type RunCell } from "./deltas";
import { MAX_COMPARE_RUNS } from "./compare-url";
import { itemAsRunKey, itemsAsRun } from "./item-as-run";
import { loadRunItemResults, type RunItemResult } from "./results";
import { resolveRules, type PassRule, type ResolvedRule, type ScoreFigure } from "./thresholds";

export interface CompareQuery {
  runIds: string[];
  baselineId: string;
  rules?: Record<string, PassRule>;
  filter?: CompareFilter;
  sort?: CompareSort;
  page?: number;
  limit?: number;
}

export interface CompareRunInfo {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
  isBaseline: boolean;
}

export interface CompareCell extends RunCell {
  /** the run item's output; undefined when the run did not run the item */
  output: unknown;
  /** the item's expected output as this run item ran it (its dataset version); undefined when not run */
  expectedOutput: unknown;
}

export interface CompareRow {
  item: { id: string; status: string; input: unknown; expectedOutput: unknown };
  cells: CompareCell[];
  regression: boolean;
  improvement: boolean;
  changed: boolean;
}

export interface CompareView {
  /** baseline first, then the others in the order asked */
  runs: CompareRunInfo[];
  baselineId: string;
  scoreNames: string[];
  rules: Record<string, ResolvedRule>;
  /** the categories of each categorical score name (its config's, then those seen), for choosing a pass set */
  categories: Record<string, string[]>;
  aggregates: RunAggregate[];
  /** every item of the comparison, and those the filter keeps */
  totalItems: number;
  matchingItems: number;
  page: number;
  limit: number;
  rows: CompareRow[];
}

/** The runs asked for, checked: 2 or more of this dataset, the baseline among them. */
async function requireRuns(client: Db, projectId: string, datasetId: string, runIds: string[], baselineId: string) {
  const ids = [...new Set(runIds)];
  if (ids.length < 2) throw new DomainError("invalid", "choose at least 2 runs to compare", { path: ["runs"] });
  if (ids.length > MAX_COMPARE_RUNS) throw new DomainError("invalid", `compare at most ${MAX_COMPARE_RUNS} runs at once`, { path: ["runs"] });
  if (!ids.includes(baselineId)) throw new DomainError("invalid", "the baseline must be one of the compared runs", { path: ["baseline"] });
  const found = await client.datasetRun.findMany({ where: { projectId, datasetId, id: { in: ids } }, select: { id: true, name: true, description: true, createdAt: true } });
  const missing = ids.filter((id) => !found.some((r) => r.id === id));
  if (missing.length) throw new DomainError("not_found", `run ${missing.map((m) => `"${m}"`).join(", ")} not found in this dataset`, { path: ["runs"] });
  const ordered = [baselineId, ...ids.filter((id) => id !== baselineId)];
  return ordered.map((id) => {
    const r = found.find((f) => f.id === id)!;
    return { id: r.id, name: r.name, description: r.description, createdAt: iso(r.createdAt), isBaseline: id === baselineId };
  });
}

/**
 * The items of the comparison in dataset order (the order they were added):
 * the dataset's active items, and archived ones a compared run ran.
 */
async function comparisonItems(client: Db, datasetId: string, ran: ReadonlySet<string>): Promise<string[]> {
  // Ids and status only, through the (datasetId, …) indexes; a Prisma read of 5,000 rows cost 3x this.
  const items = await client.$queryRaw<{ id: string; status: string }[]>`SELECT "id", "status" FROM "DatasetItem" WHERE "datasetId" = ${datasetId} ORDER BY "createdAt" ASC, "id" ASC`;
  return items.filter((i) => i.status === "ACTIVE" || ran.has(i.id)).map((i) => i.id);
}

export async function compareRuns(client: Db, projectId: string, datasetId: string, q: CompareQuery): Promise<CompareView> {
  const runs = await requireRuns(client, projectId, datasetId, q.runIds, q.baselineId);
  const runIds = runs.map((r) => r.id);
  const [figures, outputChanges, configs] = await Promise.all([
    loadRunItemFigures(client, projectId, runIds),
    loadOutputChanges(client, projectId, q.baselineId, runIds),
    client.scoreConfig.findMany({ where: { projectId }, select: { name: true, dataType: true, minValue: true, maxValue: true, categories: true } }),
  ]);
  const byRun = new Map<string, Map<string, RunItemFigures>>(runIds.map((id) => [id, new Map()]));
  const seen = new Map<string, ScoreFigure[]>();
  for (const f of figures) {
    byRun.get(f.runId)!.set(f.datasetItemId, f);
    for (const [name, s] of Object.entries(f.scores)) {
      const list = seen.get(name);
      if (list) list.push(s);
      else seen.set(name, [s]);
    }
  }
  const scoreNames = [...seen.keys()].sort((a, b) => a.localeCompare(b));
  const rules = resolveRules(scoreNames, configs, seen, q.rules ?? {});
  const categories = categoriesOf(scoreNames, configs, seen);
  const itemIds = await comparisonItems(client, datasetId, new Set(figures.map((f) => f.datasetItemId)));
  const compared = compareItems(itemIds, runIds, q.baselineId, byRun, scoreNames, rules, (runId, itemId) => outputChanges.has(cellKey(runId, itemId)));
  const aggregates = aggregateRuns(compared, runIds, q.baselineId, scoreNames);
  const kept = sortItems(filterItems(compared, q.filter ?? "all"), q.sort ?? { by: "dataset" });
  const limit = Math.min(Math.max(1, q.limit ?? 20), 200);
  const page = Math.max(1, q.page ?? 1);
  const pageItems = kept.slice((page - 1) * limit, page * limit);
  return { runs, baselineId: q.baselineId, scoreNames, rules, categories, aggregates, totalItems: compared.length, matchingItems: kept.length, page, limit, rows: await withOutputs(client, projectId, datasetId, runIds, pageItems) };
}

const MAX_CATEGORIES = 30;

function categoriesOf(names: string[], configs: { name: string; categories: unknown }[], seen: ReadonlyMap<string, ScoreFigure[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of names) {
    const labels = new Set<string>();
    // A model read: the config's categories are [{ label, value }].
    const configured = configs.find((c) => c.name === name)?.categories;
    if (Array.isArray(configured)) for (const c of configured) if (c && typeof c === "object" && typeof (c as { label?: unknown }).label === "string") labels.add((c as { label: string }).label);
    for (const s of seen.get(name) ?? []) {
      if (labels.size >= MAX_CATEGORIES) break;
      if (s.dataType === "CATEGORICAL" && s.stringValue !== null) labels.add(s.stringValue);
    }
    if (labels.size) out[name] = [...labels].slice(0, MAX_CATEGORIES);
  }
  return out;
}

/**
 * The page's rows with the items' input and expected output and each run's
 * output and expected output: the item as that run item ran it (its dataset
 * version, item-as-run.ts), as the run page and the evaluators read it.
 */
async function withOutputs(client: Db, projectId: string, datasetId: string, runIds: string[], pageItems: ItemComparison[]): Promise<CompareRow[]> {
  const ids = pageItems.map((it) => it.itemId);
  const [items, results] = await Promise.all([
    ids.length ? client.datasetItem.findMany({ where: { datasetId, id: { in: ids } }, select: { id: true, status: true, input: true, expectedOutput: true } }) : [],
    loadRunItemResults(client, projectId, runIds, ids),
  ]);
  const versionOf = (r: RunItemResult) => (r.datasetVersion ? new Date(r.datasetVersion) : null);
  const asRun = await itemsAsRun(client, projectId, results.filter((r) => r.datasetVersion).map((r) => ({ itemId: r.datasetItemId, version: versionOf(r) })));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const resultOf = new Map(results.map((r) => [cellKey(r.runId, r.datasetItemId), r]));
  return pageItems.map((it) => {
    const item = itemById.get(it.itemId);
    // A model read: JSON fields are values already.
    const current = { input: item?.input ?? null, expectedOutput: item?.expectedOutput ?? null };
    const ranAs = (r: RunItemResult | undefined) => (r?.datasetVersion ? (asRun.get(itemAsRunKey(r.datasetItemId, versionOf(r))) ?? current) : current);
    const baseline = ranAs(resultOf.get(cellKey(it.cells[0]!.runId, it.itemId)));
    return {
      // The item column shows the item as the baseline ran it.
      item: { id: it.itemId, status: item?.status ?? "ACTIVE", input: baseline.input, expectedOutput: baseline.expectedOutput },
      cells: it.cells.map((c) => {
        const r = resultOf.get(cellKey(c.runId, it.itemId));
        return { ...c, output: c.figures ? (r?.output ?? null) : undefined, expectedOutput: c.figures ? ranAs(r).expectedOutput : undefined };
      }),
      regression: it.regression,
      improvement: it.improvement,
      changed: it.changed,
    };
  });
}

const pickerSelect = { id: true, name: true, description: true, createdAt: true, _count: { select: { items: true } } } as const;
type PickerRow = { id: string; name: string; description: string | null; createdAt: Date; _count: { items: number } };
const pickerRun = (r: PickerRow) => ({ id: r.id, name: r.name, description: r.description, createdAt: iso(r.createdAt), items: r._count.items });

/** The newest runs of a dataset the picker lists (bounded: a picker of 200 runs is already long). */
export const PICKER_RUNS = 200;

/**
 * The runs of a dataset for the picker, newest first: the newest PICKER_RUNS,
 * and the runs `namedIds` asks for even when older (a shared link to an old
 * comparison still opens it). Named ids that are no run of the dataset are
 * left out; the page says so.
 */
export async function runsForPicker(client: Db, projectId: string, datasetId: string, namedIds: string[] = []) {
  const rows = await client.datasetRun.findMany({ where: { projectId, datasetId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: PICKER_RUNS, select: pickerSelect });
  const older = namedIds.filter((id) => !rows.some((r) => r.id === id)).slice(0, MAX_COMPARE_RUNS);
  const extra = older.length ? await client.datasetRun.findMany({ where: { projectId, datasetId, id: { in: older } }, select: pickerSelect }) : [];
  return [...rows, ...extra].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id)).map(pickerRun);
}
