// /api/public/models: Langfuse-compatible model definitions (custom prices).
import { z } from "zod";
import type { ModelPrice } from "../db/generated/sqlite/client";
import { db } from "../db/client";
import { ApiError, invalid } from "../http/errors";
import { priceOverrideSchema } from "../ingest/cost/schemas";
import { pageMeta } from "../public-api/shapes";
import { createPriceOverride, deletePriceOverride, listPriceOverrides } from "./service";

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

export function modelToApi(m: ModelPrice) {
  const prices = m.prices as Record<string, number>;
  return {
    id: m.id,
    modelName: m.modelName,
    matchPattern: m.matchPattern,
    startDate: m.validFrom?.toISOString() ?? null,
    unit: "TOKENS",
    inputPrice: prices.input ?? null,
    outputPrice: prices.output ?? null,
    totalPrice: prices.total ?? null,
    prices: Object.fromEntries(Object.entries(prices).map(([k, v]) => [k, { price: v }])),
    isLangfuseManaged: false,
    createdAt: m.createdAt.toISOString(),
  };
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

export async function listModelsApi(projectId: string, page: number, limit: number) {
  const all = await listPriceOverrides(db, projectId);
  return { data: all.slice((page - 1) * limit, page * limit).map(modelToApi), meta: pageMeta(page, limit, all.length) };
}

export async function getModelApi(projectId: string, id: string) {
  const m = await db.modelPrice.findFirst({ where: { projectId, id } });
  if (!m) throw new ApiError("not_found", `Model ${id} not found`);
  return modelToApi(m);
}

export async function deleteModelApi(projectId: string, id: string) {
  if (!(await deletePriceOverride(db, projectId, id))) throw new ApiError("not_found", `Model ${id} not found`);
  return { message: "Model deleted successfully" };
}
