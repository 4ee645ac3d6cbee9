// Tokens: input and output tokens over time, stacked by model.
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { tokensData } from "@/lib/analytics/dashboard/data";
import type { ViewParams } from "@/lib/analytics/dashboard/views";
import { isEmptySeries } from "@/lib/analytics/prepare/time-series";
import { ChartSlot, DashboardSection } from "./section";

const HINT = "Send generations with usage (input and output tokens) and a model.";

export async function TokensSection({ projectId, params }: { projectId: string; params: ViewParams }) {
  const v = await tokensData(projectId, params);
  return (
    <DashboardSection id="tokens" title="Tokens" description="Generations' reported usage, by the model they name.">
      <ChartSlot title="Input tokens by model" charted={v.input} isEmpty={isEmptySeries} emptyHint={HINT}>
        {(data) => <TimeSeriesChart data={data} kind="bar" label="Input tokens over time, stacked by model" />}
      </ChartSlot>
      <ChartSlot title="Output tokens by model" charted={v.output} isEmpty={isEmptySeries} emptyHint={HINT}>
        {(data) => <TimeSeriesChart data={data} kind="bar" label="Output tokens over time, stacked by model" />}
      </ChartSlot>
    </DashboardSection>
  );
}
