// The Settings form's price override: fields modelName, matchPattern,
// validFrom and price.<usageType> in USD per 1M tokens (stored per token).
import { z } from "zod";
import { priceOverrideSchema } from "../ingest/cost/schemas";

function fromForm(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  const fields = raw as Record<string, unknown>;
  const prices: Record<string, number> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!key.startsWith("price.") || typeof value !== "string" || value.trim() === "") continue;
    const perMillion = Number(value);
    prices[key.slice("price.".length)] = Number.isFinite(perMillion) ? perMillion / 1_000_000 : NaN;
  }
  return { projectId: fields.projectId, modelName: fields.modelName, matchPattern: fields.matchPattern, prices, validFrom: fields.validFrom || undefined };
}

export const priceFormSchema = z.preprocess(fromForm, priceOverrideSchema.and(z.object({ projectId: z.string().min(1) })));

export const removePriceSchema = z.object({ projectId: z.string().min(1), id: z.string().min(1) });
