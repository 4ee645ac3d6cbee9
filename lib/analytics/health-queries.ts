import "server-only";
// The health section's read (components/health/health-section.tsx).
import { db } from "../db/client";
import type { Filter } from "../query/filter";
import type { TimeRange } from "../time-range";
import { instrumentationHealth } from "./health";

export function healthReport(projectId: string, range: TimeRange, filter: Filter) {
  return instrumentationHealth(db, projectId, { filter, from: range.from, to: range.to });
}
