// Instrumentation health, as one dashboard section: a server component that
// reads the figures for a range and the dashboard's shared traces filter, and
// draws them (health-table.tsx). Every figure links to the traces it counts.
import { Card } from "@/components/ui/card";
import type { Filter } from "@/lib/query/filter";
import type { TimeRange } from "@/lib/time-range";
import { healthReport } from "@/lib/analytics/health-queries";
import { HealthTable } from "./health-table";

export interface HealthSectionProps {
  projectId: string;
  /** The dashboard's range (a preset or custom bounds): links carry it as it is. */
  range: TimeRange;
  /** The shared traces filter (TRACE_URL_FIELDS conditions); time conditions in it are ignored for links, range wins. */
  filter: Filter;
}

export async function HealthSection({ projectId, range, filter }: HealthSectionProps) {
  const report = await healthReport(projectId, range, filter);
  return (
    <Card
      flush
      title="Instrumentation health"
      actions={<span className="muted small">Per trace name: what the traces&apos; instrumentation left out. Click a figure to see those traces.</span>}
    >
      <HealthTable projectId={projectId} range={range} filter={filter} report={report} />
    </Card>
  );
}
