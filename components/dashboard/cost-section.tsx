// Cost: the total over time stacked by model; by model, by trace name and by
// user (top 10 and "other"). Every bar and bucket opens the traces behind it.
import { BarList } from "@/components/charts/bar-list";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { costData } from "@/lib/analytics/dashboard/data";
import type { ViewParams } from "@/lib/analytics/dashboard/views";
import { isEmptySeries } from "@/lib/analytics/prepare/time-series";
import type { BarListData } from "@/lib/analytics/prepare/chart-data";
import { ChartSlot, DashboardSection } from "./section";

const noBars = (d: BarListData) => d.items.length === 0;
const COST_HINT = "Send generations with a model and usage (input/output tokens): Loupe prices known models, or send the cost yourself.";

export async function CostSection({ projectId, params }: { projectId: string; params: ViewParams }) {
  const v = await costData(projectId, params);
  return (
    <DashboardSection id="cost" columns={3} title="Cost" description="USD, from generations' cost (sent or computed from usage and model prices).">
      <ChartSlot title="Cost over time by model" charted={v.overTime} isEmpty={isEmptySeries} emptyHint={COST_HINT} wide>
        {(data) => <TimeSeriesChart data={data} kind="bar" label="Cost over time, stacked by model" />}
      </ChartSlot>
      <ChartSlot title="By model" charted={v.byModel} isEmpty={noBars} emptyHint={COST_HINT}>
        {(data) => <BarList data={data} label="Cost by model" />}
      </ChartSlot>
      <ChartSlot title="By trace name" charted={v.byName} isEmpty={noBars} emptyHint={COST_HINT}>
        {(data) => <BarList data={data} label="Cost by trace name" />}
      </ChartSlot>
      <ChartSlot title="By user" description="Top 10 users and the rest." charted={v.byUser} isEmpty={noBars} emptyHint="Send traces with a userId (and generations with usage) to see cost per user.">
        {(data) => <BarList data={data} label="Cost by user" />}
      </ChartSlot>
    </DashboardSection>
  );
}
