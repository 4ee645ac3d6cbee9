import "server-only";
import { db } from "../db/client";
import { builtInPrices, listPriceOverrides } from "./service";

/** The Settings view of prices: the project's overrides and the built-in list, as plain data. */
export async function priceSettings(projectId: string) {
  const overrides = await listPriceOverrides(db, projectId);
  return {
    overrides: overrides.map((o) => ({
      id: o.id,
      modelName: o.modelName,
      matchPattern: o.matchPattern,
      prices: o.prices as Record<string, number>,
      validFrom: o.validFrom?.toISOString() ?? null,
    })),
    builtIns: builtInPrices(),
  };
}
