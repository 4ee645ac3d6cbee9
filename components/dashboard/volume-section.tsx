// Volume and errors: traces and observations over time, and the share of
// traces with an error-level observation.
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { volumeData } from "@/lib/analytics/dashboard/data";
import type { ViewParams } from "@/lib/analytics/dashboard/views";
import { isEmptySeries } from "@/lib/analytics/prepare/time-series";
import { ChartSlot, DashboardSection } from "./section";

export async function VolumeSection({ projectId, params }: { projectId: string; params: ViewParams }) {
  const v = await volumeData(projectId, params);
  return (
    <DashboardSection id="volume" title="Volume and errors">
      <ChartSlot title="Traces" charted={v.traces} isEmpty={isEmptySeries} emptyHint="Send traces with a Langfuse SDK, an OpenTelemetry exporter or the ingestion API.">
        {(data) => <TimeSeriesChart data={data} kind="bar" label="Traces over time" />}
      </ChartSlot>
      <ChartSlot title="Observations" charted={v.observations} isEmpty={isEmptySeries} emptyHint="Send spans, generations or events inside your traces.">
        {(data) => <TimeSeriesChart data={data} kind="bar" label="Observations over time" />}
      </ChartSlot>
      <ChartSlot
        title="Error rate"
        description="Traces with at least one error-level observation, of all traces."
        charted={v.errorRate}
        isEmpty={isEmptySeries}
        emptyHint="No errors in this range. Observations with level ERROR mark their trace as failed."
        wide
      >
        {(data) => <TimeSeriesChart data={data} kind="line" label="Error rate over time" />}
      </ChartSlot>
    </DashboardSection>
  );
}
