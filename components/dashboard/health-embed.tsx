// Instrumentation health on the dashboard: the existing HealthSection under the
// dashboard's range and filter. Health reads trace timestamps with inclusive
// bounds, so the dashboard's [from, to) becomes [from, to − 1 ms]; every
// condition of the filter is a traces-table condition, so all of it applies.
import { HealthSection } from "@/components/health/health-section";
import type { SectionParams } from "@/lib/analytics/dashboard/run-section";
import type { TimeRange } from "@/lib/time-range";

export function DashboardHealth({ projectId, params, range }: { projectId: string; params: SectionParams; range?: TimeRange["kind"] }) {
  const preset = range && range !== "custom" && range !== "all";
  const tr: TimeRange = { kind: preset ? range : "custom", from: params.from, to: new Date(params.to.getTime() - 1) };
  return <HealthSection projectId={projectId} range={tr} filter={params.filter} />;
}
