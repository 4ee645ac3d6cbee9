// Per-project model price overrides: created from Settings or the API,
// used by the ingestion pricer before the built-in table.
import type { Db } from "../db/client";
import { DomainError, isUniqueViolation } from "../errors";
import { DEFAULT_PRICES } from "../ingest/cost/default-prices";
import type { PriceOverride } from "../ingest/cost/schemas";
import { forgetProjectPrices } from "../ingest/prices";

export async function listPriceOverrides(client: Db, projectId: string) {
  return client.modelPrice.findMany({ where: { projectId }, orderBy: [{ modelName: "asc" }, { validFrom: "desc" }] });
}

export function builtInPrices() {
  return DEFAULT_PRICES.map((p) => ({ modelName: p.modelName, matchPattern: p.matchPattern, prices: p.prices }));
}

export async function createPriceOverride(client: Db, projectId: string, input: PriceOverride) {
  try {
    const row = await client.modelPrice.create({
      data: { projectId, modelName: input.modelName, matchPattern: input.matchPattern, prices: input.prices, validFrom: input.validFrom ?? null },
    });
    forgetProjectPrices(projectId);
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError("conflict", `a price for "${input.modelName}" already exists in this project; delete it first`, {
        path: "modelName",
        issue: "already exists",
      });
    }
    throw err;
  }
}

export async function deletePriceOverride(client: Db, projectId: string, id: string): Promise<boolean> {
  const res = await client.modelPrice.deleteMany({ where: { projectId, id } });
  forgetProjectPrices(projectId);
  return res.count > 0;
}
