// One engine query of a dashboard section under the dashboard's range and
// filter, the filter mapped to the query's view. A filter the view cannot take
// is no figure: the section gets the conditions and says so (never figures
// that silently ignore part of the filter).
import "server-only";
import type { Db, Tx } from "../../db/client";
import type { FilterCondition } from "../../query/filter";
import { runMetricsQuery } from "../execute";
import { metricsQuerySchema, type MetricsQueryInput, type MetricsRow } from "../query-schema";
import type { BucketUnit } from "../granularity";
import { viewFilter, type NotApplicable } from "./filter";
import type { DashboardParams } from "./params";

/** What a section query needs of the dashboard's params (the trends block makes its own). */
export type SectionParams = Pick<DashboardParams, "from" | "to" | "filter"> & { granularity: DashboardParams["granularity"] | BucketUnit; unit?: BucketUnit };

export type SectionQuery = Omit<MetricsQueryInput, "fromTimestamp" | "toTimestamp" | "filters"> & { filters?: FilterCondition[] };

export type SectionRows = { ok: true; rows: MetricsRow[] } | { ok: false; notApplicable: NotApplicable[] };

export async function runSection(client: Db | Tx, projectId: string, p: SectionParams, q: SectionQuery): Promise<SectionRows> {
  const mapped = viewFilter(p.filter, q.view);
  if (!mapped.ok) return { ok: false, notApplicable: mapped.notApplicable };
  const timeDimension = q.timeDimension ? { granularity: p.unit ?? q.timeDimension.granularity } : q.timeDimension;
  const rows = await runMetricsQuery(
    client,
    projectId,
    metricsQuerySchema.parse({ ...q, timeDimension, filters: [...mapped.filters, ...(q.filters ?? [])], fromTimestamp: p.from.toISOString(), toTimestamp: p.to.toISOString() }),
  );
  return { ok: true, rows };
}

/** The rows, or [] when the filter does not apply (the caller shows the conditions instead). */
export const rowsOf = (r: SectionRows): MetricsRow[] => (r.ok ? r.rows : []);
