// Placeholder until lib/ingest/cost lands: no computed prices.
import type { Db } from "../db/client";
import type { PriceFn } from "./merge";

export async function priceFnFor(_projectId: string, _client: Db): Promise<PriceFn> {
  return () => undefined;
}
