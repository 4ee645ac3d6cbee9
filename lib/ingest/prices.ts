// Prices for a project's generations: its own overrides (ModelPrice rows)
// before the built-in table. Overrides are cached briefly per project so
// ingestion does not read them on every request; edits clear the cache.
import type { Db } from "../db/client";
import { hasNestedQuantifier } from "./cost/pattern";
import { priceEntryFromRow } from "./cost/price";
import type { PriceEntry } from "./cost/types";

const TTL_MS = 10_000;
type Cached = { at: number; entries: PriceEntry[] };

function cache(): Map<string, Cached> {
  const g = globalThis as unknown as { loupePriceCache?: Map<string, Cached> };
  return (g.loupePriceCache ??= new Map());
}

export function forgetProjectPrices(projectId: string) {
  cache().delete(projectId);
}

export async function projectPriceEntries(projectId: string, client: Db): Promise<PriceEntry[]> {
  const hit = cache().get(projectId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.entries;
  const rows = await client.modelPrice.findMany({ where: { projectId }, orderBy: { createdAt: "asc" } });
  // A stored pattern that could backtrack exponentially is skipped, never run (see pattern.ts).
  const entries = rows.map(priceEntryFromRow).filter((e) => !hasNestedQuantifier(e.matchPattern));
  cache().set(projectId, { at: Date.now(), entries });
  return entries;
}
