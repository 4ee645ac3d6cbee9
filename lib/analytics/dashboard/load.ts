// Runs a section's queries concurrently. A query whose view cannot take the
// dashboard's filter is not run: it answers which conditions and why, and the
// chart says so (filter.ts). Server-only.
import "server-only";
import type { Db, Tx } from "../../db/client";
import { runMetricsQuery } from "../execute";
import type { DashboardParams } from "./params";
import { COST_QUERIES, LATENCY_QUERIES, planQuery, TOKEN_QUERIES, VOLUME_QUERIES, type Loaded, type QuerySpec } from "./queries";

export type { Loaded };

type Params = Pick<DashboardParams, "from" | "to" | "unit" | "filter">;

export async function loadQuery(client: Db | Tx, projectId: string, p: Params, spec: QuerySpec): Promise<Loaded> {
  const plan = planQuery(p, spec);
  if (!plan.ok) return plan;
  return { ok: true, rows: await runMetricsQuery(client, projectId, plan.query) };
}

/** Every query of a set, concurrently, answered under the same keys. */
export async function loadAll<K extends string>(client: Db | Tx, projectId: string, p: Params, specs: Record<K, QuerySpec>): Promise<Record<K, Loaded>> {
  const keys = Object.keys(specs) as K[];
  const results = await Promise.all(keys.map((k) => loadQuery(client, projectId, p, specs[k])));
  return Object.fromEntries(keys.map((k, i) => [k, results[i]])) as Record<K, Loaded>;
}

export const loadCost = (client: Db | Tx, projectId: string, p: Params) => loadAll(client, projectId, p, COST_QUERIES);
export const loadTokens = (client: Db | Tx, projectId: string, p: Params) => loadAll(client, projectId, p, TOKEN_QUERIES);
export const loadLatency = (client: Db | Tx, projectId: string, p: Params) => loadAll(client, projectId, p, LATENCY_QUERIES);
export const loadVolume = (client: Db | Tx, projectId: string, p: Params) => loadAll(client, projectId, p, VOLUME_QUERIES);
