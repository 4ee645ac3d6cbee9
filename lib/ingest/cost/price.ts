// Pricing generations: find the price for a model, turn usage into cost, and
// let a cost the client sent win. Runs for every generation at ingestion, so
// regexes are compiled once and built-in matches are memoised per model id.
//
// Cost semantics follow Langfuse: usage types are disjoint, each is priced at
// its own price looked up by the usage key itself, and the costs add up to the
// total, unless the price has a "total" price, which then prices the total
// count (embedding-style pricing). Two additions of ours: a key also finds its
// price under its canonical name (input_cached_tokens -> cache_read), and an
// unpriced cache/audio/reasoning type falls back to the input/output price
// rather than costing nothing. Cost.input/output sum the input-/output-side
// types. See usage-types.ts for making OpenAI-style inclusive counts disjoint.

import type { Cost, Usage } from "../events";
import { DEFAULT_PRICES } from "./default-prices";
import { compilePattern, type ModelPattern } from "./pattern";
import type { PriceEntry, Prices } from "./types";
import { canonicalUsageType, costSide, FALLBACK, isCanonical } from "./usage-types";

export type { PriceEntry, Prices } from "./types";

// Bounded so a stream of distinct model ids or patterns cannot grow memory without end.
const CACHE_LIMIT = 10_000;

const regexCache = new Map<string, ModelPattern | null>();

function regexFor(pattern: string): ModelPattern | undefined {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    if (regexCache.size >= CACHE_LIMIT) regexCache.clear();
    re = compilePattern(pattern) ?? null;
    regexCache.set(pattern, re);
  }
  return re ?? undefined;
}

/** Whether a price's pattern matches the model id (an invalid stored pattern matches nothing). */
export function matchesModel(entry: Pick<PriceEntry, "matchPattern">, model: string): boolean {
  return regexFor(entry.matchPattern)?.test(model.trim()) ?? false;
}

// Built-ins never change at runtime, so which of them match a model id is memoised.
const builtinMatches = new Map<string, readonly PriceEntry[]>();

function matchingBuiltins(model: string): readonly PriceEntry[] {
  let found = builtinMatches.get(model);
  if (found === undefined) {
    if (builtinMatches.size >= CACHE_LIMIT) builtinMatches.clear();
    found = DEFAULT_PRICES.filter((p) => regexFor(p.matchPattern)?.test(model));
    builtinMatches.set(model, found);
  }
  return found;
}

function fromMs(entry: PriceEntry): number {
  const ms = entry.validFrom?.getTime();
  return ms === undefined || Number.isNaN(ms) ? -Infinity : ms;
}

/** The newest matching entry that is already valid at `atMs`; ties keep the earlier entry. */
function newest(entries: Iterable<PriceEntry>, atMs: number, model: string | undefined): PriceEntry | undefined {
  let best: PriceEntry | undefined;
  let bestFrom = -Infinity;
  for (const entry of entries) {
    if (model !== undefined && !regexFor(entry.matchPattern)?.test(model)) continue;
    const from = fromMs(entry);
    if (from > atMs) continue;
    if (best === undefined || from > bestFrom) {
      best = entry;
      bestFrom = from;
    }
  }
  return best;
}

/**
 * The price for a model id at a moment: the project's own prices first, then
 * the built-ins; within each, the matching entry with the newest validFrom not
 * after `at` (an entry without validFrom is valid from the start).
 */
export function findPrice(model: string, projectPrices: readonly PriceEntry[], at?: Date): PriceEntry | undefined {
  const name = model.trim();
  if (name.length === 0) return undefined;
  const atMs = at && !Number.isNaN(at.getTime()) ? at.getTime() : Date.now();
  return newest(projectPrices, atMs, name) ?? newest(matchingBuiltins(name), atMs, undefined);
}

interface PriceTable {
  exact: ReadonlyMap<string, number>;
  canonical: ReadonlyMap<string, number>;
}

const tables = new WeakMap<Prices, PriceTable>();

function tableFor(prices: Prices): PriceTable {
  let table = tables.get(prices);
  if (table === undefined) {
    const exact = new Map<string, number>();
    const canonical = new Map<string, number>();
    for (const [key, unit] of Object.entries(prices)) {
      if (!isAmount(unit)) continue;
      exact.set(key, unit);
      const type = canonicalUsageType(key);
      // A key spelled canonically ("cache_read") beats an alias of it ("input_cached_tokens").
      if (!canonical.has(type) || key.toLowerCase() === type) canonical.set(type, unit);
    }
    table = { exact, canonical };
    tables.set(prices, table);
  }
  return table;
}

function unitPrice(table: PriceTable, key: string, type: string): number | undefined {
  const own = table.exact.get(key) ?? table.canonical.get(type);
  if (own !== undefined) return own;
  let next = isCanonical(type) ? FALLBACK[type] : undefined;
  while (next !== undefined) {
    const unit = table.canonical.get(next);
    if (unit !== undefined) return unit;
    next = FALLBACK[next];
  }
  return undefined;
}

function isAmount(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

// Twelve significant digits: drops float noise (2.5e-6 * 1000 = 0.0025000000000000005), keeps micro-dollars.
function round(value: number): number {
  return Number(value.toPrecision(12));
}

/** Usage counts by canonical type, each with the key it came under; one key per type so aliases never double count. */
function countsOf(usage: Usage): Map<string, { key: string; count: number }> {
  const counts = new Map<string, { key: string; count: number }>();
  for (const [key, count] of Object.entries(usage.details ?? {})) {
    if (!isAmount(count)) continue;
    const type = canonicalUsageType(key);
    const seen = counts.get(type);
    if (seen === undefined || (key.toLowerCase() === type && seen.key.toLowerCase() !== type)) {
      counts.set(type, { key, count });
    }
  }
  for (const side of ["input", "output", "total"] as const) {
    const count = usage[side];
    if (!counts.has(side) && isAmount(count)) counts.set(side, { key: side, count });
  }
  return counts;
}

/** Cost of a usage at a price, or undefined when no usage type has a price. */
export function computeCost(usage: Usage, price: Pick<PriceEntry, "prices">): Cost | undefined {
  const table = tableFor(price.prices);
  const counts = countsOf(usage);
  const details: Record<string, number> = {};
  let input: number | undefined;
  let output: number | undefined;
  let sum: number | undefined;
  let countSum = 0;
  for (const [type, { key, count }] of counts) {
    if (type === "total") continue;
    countSum += count;
    const unit = unitPrice(table, key, type);
    if (unit === undefined) continue;
    const cost = round(count * unit);
    details[key] = cost;
    sum = (sum ?? 0) + cost;
    const side = costSide(type);
    if (side === "input") input = (input ?? 0) + cost;
    else if (side === "output") output = (output ?? 0) + cost;
  }
  let total = sum === undefined ? undefined : round(sum);
  const totalUnit = table.exact.get("total") ?? table.canonical.get("total");
  const totalCount = counts.get("total")?.count ?? (counts.size > 0 ? countSum : undefined);
  if (totalUnit !== undefined && totalCount !== undefined) {
    total = round(totalCount * totalUnit);
    details.total = total;
  }
  if (total === undefined) return undefined;
  return {
    ...(input !== undefined && { input: round(input) }),
    ...(output !== undefined && { output: round(output) }),
    total,
    details,
  };
}

/**
 * A cost the client sent, completed: input/output from the details' input- and
 * output-side types when not given, total as given or the sum of the parts.
 * Undefined when nothing usable was sent.
 */
export function providedCost(cost: Cost | null | undefined): Cost | undefined {
  if (!cost) return undefined;
  const details: Record<string, number> = {};
  for (const [key, value] of Object.entries(cost.details ?? {})) if (isAmount(value)) details[key] = value;
  const hasDetails = Object.keys(details).length > 0;
  if (!isAmount(cost.input) && !isAmount(cost.output) && !isAmount(cost.total) && !hasDetails) return undefined;

  const parts = new Map<string, number>();
  let detailTotal: number | undefined;
  for (const [key, value] of Object.entries(details)) {
    const type = canonicalUsageType(key);
    if (type === "total") detailTotal = value;
    else parts.set(key, value);
  }
  const sideSum = (side: "input" | "output") => {
    let acc: number | undefined;
    for (const [key, value] of parts) if (costSide(canonicalUsageType(key)) === side) acc = (acc ?? 0) + value;
    return acc === undefined ? undefined : round(acc);
  };
  const input = isAmount(cost.input) ? cost.input : sideSum("input");
  const output = isAmount(cost.output) ? cost.output : sideSum("output");
  let total = isAmount(cost.total) ? cost.total : detailTotal;
  if (total === undefined) {
    let acc = 0;
    for (const value of parts.values()) acc += value;
    // Top-level input/output count only when the details do not already break them down.
    if (isAmount(cost.input) && sideSum("input") === undefined) acc += cost.input;
    if (isAmount(cost.output) && sideSum("output") === undefined) acc += cost.output;
    total = round(acc);
  }
  return {
    ...(input !== undefined && { input }),
    ...(output !== undefined && { output }),
    total,
    ...(hasDetails && { details }),
  };
}

/** The cost to store for an observation: the client's when it sent one, else computed from model and usage. */
export function costFor(
  observation: { model?: string | null; usage?: Usage | null; cost?: Cost | null },
  projectPrices: readonly PriceEntry[],
  at?: Date,
): Cost | undefined {
  const provided = providedCost(observation.cost);
  if (provided) return provided;
  if (!observation.model || !observation.usage) return undefined;
  const price = findPrice(observation.model, projectPrices, at);
  return price ? computeCost(observation.usage, price) : undefined;
}

/** A pricer for one project's prices, in the shape the writer takes (model, usage, at). */
export function makePricer(projectPrices: readonly PriceEntry[]) {
  return (o: { model: string | null; usage: Usage; at: Date }): Cost | undefined => {
    if (!o.model) return undefined;
    const price = findPrice(o.model, projectPrices, o.at);
    return price ? computeCost(o.usage, price) : undefined;
  };
}

/** A ModelPrice row as read from the database; `prices` is untrusted JSON, so non-amounts are dropped. */
export function priceEntryFromRow(row: {
  id?: string;
  modelName: string;
  matchPattern: string;
  prices: unknown;
  validFrom?: Date | null;
}): PriceEntry {
  const prices: Prices = {};
  if (row.prices && typeof row.prices === "object" && !Array.isArray(row.prices)) {
    for (const [key, value] of Object.entries(row.prices)) if (isAmount(value)) prices[key] = value;
  }
  return { id: row.id, modelName: row.modelName, matchPattern: row.matchPattern, prices, validFrom: row.validFrom ?? null };
}
