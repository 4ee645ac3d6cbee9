// Latency: trace latency p50/p90/p95/p99 over time; tables by trace name and
// by model (generations) with count, p50, p95, p99; time to first token
// p50/p95 by model.
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { latencyData } from "@/lib/analytics/dashboard/data";
import type { ViewParams } from "@/lib/analytics/dashboard/views";
import type { LatencyRow } from "@/lib/analytics/prepare/latency";
import { isEmptySeries } from "@/lib/analytics/prepare/time-series";
import { LatencyTable } from "./latency-table";
import { ChartSlot, DashboardSection } from "./section";

const none = (rows: LatencyRow[]) => rows.length === 0;

export async function LatencySection({ projectId, params }: { projectId: string; params: ViewParams }) {
  const v = await latencyData(projectId, params);
  return (
    <DashboardSection id="latency" title="Latency" description="A trace's latency runs from its first observation's start to its last one's end; a generation's from its start to its end.">
      <ChartSlot title="Trace latency percentiles" charted={v.overTime} isEmpty={isEmptySeries} emptyHint="Send traces whose observations have start and end times." wide>
        {(data) => <TimeSeriesChart data={data} kind="line" label="Trace latency p50, p90, p95 and p99 over time" />}
      </ChartSlot>
      <ChartSlot title="By trace name" charted={v.byName} isEmpty={none} emptyHint="Send named traces with timed observations.">
        {(rows) => <LatencyTable rows={rows} label="Trace latency by trace name" labelHeader="Trace name" countLabel="Traces" />}
      </ChartSlot>
      <ChartSlot title="Generations by model" charted={v.byModel} isEmpty={none} emptyHint="Send generations with a model, a start and an end time.">
        {(rows) => <LatencyTable rows={rows} label="Generation latency by model" labelHeader="Model" countLabel="Generations" />}
      </ChartSlot>
      <ChartSlot
        title="Time to first token by model"
        description="Streaming generations: from start to the first token (completionStartTime)."
        charted={v.timeToFirstToken}
        isEmpty={none}
        emptyHint="Send streaming generations with completionStartTime (the Langfuse SDKs set it when streaming)."
      >
        {(rows) => <LatencyTable rows={rows} label="Time to first token by model" labelHeader="Model" countLabel="Generations" percentiles={["p50", "p95"]} />}
      </ChartSlot>
    </DashboardSection>
  );
}
