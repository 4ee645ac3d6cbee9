// /api/public/models: Langfuse-compatible model definitions (custom prices).
import { z } from "zod";
import type { ModelPrice } from "../db/models";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { invalid } from "../http/errors";
import { priceOverrideSchema } from "../ingest/cost/schemas";
import { pageMeta } from "../public-api/shapes";
import { builtInPrices, createPriceOverride, deletePriceOverride, listPriceOverrides } from "./service";

/** Langfuse sends inputPrice/outputPrice/totalPrice per unit; Loupe also takes a `prices` map by usage type. */
export const createModelBody = z
  .object({
    modelName: z.unknown(),
    matchPattern: z.unknown(),
    startDate: z.string().nullish(),
    unit: z.string().nullish(),
    inputPrice: z.number().nullish(),
    outputPrice: z.number().nullish(),
    totalPrice: z.number().nullish(),
    prices: z.record(z.string(), z.unknown()).nullish(),
  })
  .passthrough();

/** The built-in table's entries as read-only models (Langfuse calls its own "Langfuse managed"). */
const BUILTIN_PREFIX = "builtin-";
/** When the built-in table was last revised; Langfuse gives each managed model a createdAt. */
const BUILTIN_CREATED_AT = new Date("2026-01-01T00:00:00.000Z");

interface ModelRow {
  id: string;
  modelName: string;
  matchPattern: string;
  prices: unknown;
  validFrom: Date | null;
  createdAt: Date;
  builtIn: boolean;
}

const ownRow = (m: ModelPrice): ModelRow => ({ ...m, builtIn: false });
const builtInRows = (): ModelRow[] =>
  builtInPrices().map((p) => ({ id: `${BUILTIN_PREFIX}${p.modelName}`, modelName: p.modelName, matchPattern: p.matchPattern, prices: p.prices, validFrom: null, createdAt: BUILTIN_CREATED_AT, builtIn: true }));

/** Langfuse's APIModelDefinition; one default pricing tier carries the prices, as Langfuse's flat-priced models do. */
export function modelToApi(m: ModelRow | ModelPrice) {
  const row = "builtIn" in m ? m : ownRow(m);
  const prices = row.prices as Record<string, number>;
  return {
    id: row.id,
    modelName: row.modelName,
    matchPattern: row.matchPattern,
    startDate: row.validFrom?.toISOString() ?? null,
    inputPrice: prices.input ?? null,
    outputPrice: prices.output ?? null,
    totalPrice: prices.total ?? null,
    unit: "TOKENS",
    tokenizerId: null,
    tokenizerConfig: null,
    isLangfuseManaged: row.builtIn,
    createdAt: row.createdAt.toISOString(),
    prices: Object.fromEntries(Object.entries(prices).map(([k, v]) => [k, { price: v }])),
    pricingTiers: [{ id: `${row.id}-default`, name: "Standard", isDefault: true, priority: 0, conditions: [], prices: { ...prices } }],
  };
}

/** Langfuse's order: model name, then the newest start date first (no date last); the project's own before the built-in. */
function byLangfuseOrder(a: ModelRow, b: ModelRow): number {
  if (a.modelName !== b.modelName) return a.modelName < b.modelName ? -1 : 1;
  const at = a.validFrom?.getTime() ?? -Infinity;
  const bt = b.validFrom?.getTime() ?? -Infinity;
  if (at !== bt) return bt - at;
  return Number(a.builtIn) - Number(b.builtIn);
}

export async function createModelApi(projectId: string, body: z.infer<typeof createModelBody>) {
  const prices: Record<string, unknown> = { ...(body.prices ?? {}) };
  if (body.inputPrice != null) prices.input = body.inputPrice;
  if (body.outputPrice != null) prices.output = body.outputPrice;
  if (body.totalPrice != null) prices.total = body.totalPrice;
  const parsed = priceOverrideSchema.safeParse({ modelName: body.modelName, matchPattern: body.matchPattern, prices, validFrom: body.startDate });
  if (!parsed.success) throw invalid(parsed.error, "model");
  return modelToApi(await createPriceOverride(db, projectId, parsed.data));
}

/** The project's own prices and the built-in ones, paged together (the built-in table is small and in memory). */
export async function listModelsApi(projectId: string, page: number, limit: number) {
  const all = [...(await listPriceOverrides(db, projectId)).map(ownRow), ...builtInRows()].sort(byLangfuseOrder);
  return { data: all.slice((page - 1) * limit, page * limit).map(modelToApi), meta: pageMeta(page, limit, all.length) };
}

export async function getModelApi(projectId: string, id: string) {
  const builtIn = id.startsWith(BUILTIN_PREFIX) ? builtInRows().find((m) => m.id === id) : undefined;
  if (builtIn) return modelToApi(builtIn);
  const m = await db.modelPrice.findFirst({ where: { projectId, id } });
  if (!m) throw new DomainError("not_found", `Model ${id} not found`);
  return modelToApi(m);
}

export async function deleteModelApi(projectId: string, id: string) {
  if (builtInRows().some((m) => m.id === id)) {
    throw new DomainError("not_found", `Model ${id} is a built-in price and cannot be deleted; create a project price for ${id.slice(BUILTIN_PREFIX.length)} to override it`);
  }
  if (!(await deletePriceOverride(db, projectId, id))) throw new DomainError("not_found", `Model ${id} not found`);
  return { message: "Model successfully deleted" };
}
