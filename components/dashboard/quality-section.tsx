// The dashboard's quality section (server component): each numeric score's
// average over time and its histogram, counts per label of categorical and
// boolean scores, and each score's average by model and by release. Data is
// read and shaped here (lib: loaders, prepare*); the charts only draw.
import { CategoryChart, type CategoryScore } from "@/components/charts/category-chart";
import { HistogramChart } from "@/components/charts/histogram-chart";
import { ChartCard } from "@/components/charts/chart-card";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { formatTokens } from "@/components/ui/format";
import type { SectionParams } from "@/lib/analytics/dashboard/run-section";
import { qualityRows } from "@/lib/analytics/dashboard/quality-queries";
import { scoreBinConditions, scoreValueCondition, tracesHref } from "@/lib/analytics/dashboard/traces-link";
import { nextBucket, resolveGranularity } from "@/lib/analytics/granularity";
import { seriesColor } from "@/lib/analytics/prepare/palette";
import { prepareScoreAverages, prepareScoreBreakdown, prepareScoreCategories, prepareScoreHistograms } from "@/lib/analytics/prepare/quality";
import { linkBuckets } from "@/lib/analytics/prepare/time-series";
import { DashboardSection, FilterNotApplicable } from "./section";
import { ScoreBreakdownTable } from "./score-breakdown-table";

export async function QualitySection({ projectId, params }: { projectId: string; params: SectionParams }) {
  const q = await qualityRows(projectId, params);
  const unit = params.unit ?? resolveGranularity(params.granularity, params.from, params.to);
  const byBucket = prepareScoreAverages(q.overTime, unit);
  const averages = linkBuckets(byBucket, Object.fromEntries(
    byBucket.points.map((p) => {
      const from = new Date(p.time);
      const to = new Date(Math.min(nextBucket(from, unit).getTime(), params.to.getTime()));
      return [p.time, tracesHref(projectId, { from: new Date(Math.max(from.getTime(), params.from.getTime())), to }, params.filter)];
    }),
  ));
  const histograms = prepareScoreHistograms(q.histograms);
  const categories: CategoryScore[] = prepareScoreCategories(q.categorical, q.boolean).map((s) => ({
    ...s,
    categories: s.categories.map((c, i) => ({
      ...c,
      color: s.dataType === "BOOLEAN" ? (c.value === "true" ? "#009e73" : "#d55e00") : seriesColor(i),
      href: tracesHref(projectId, params, params.filter, [scoreValueCondition(s.name, s.dataType, c.value)]),
    })),
  }));
  const byModel = prepareScoreBreakdown(q.byModel, "model");
  const byRelease = prepareScoreBreakdown(q.byRelease, "traceRelease");
  if (q.notApplicable.length > 0)
    return (
      <DashboardSection id="quality" title="Quality">
        <ChartCard title="Scores" className="span-2">
          <FilterNotApplicable items={q.notApplicable} />
        </ChartCard>
      </DashboardSection>
    );
  return (
    <DashboardSection id="quality" title="Quality" description="The scores given in the range: numeric averages and spread, labels counted, each score by model and by release.">
      <ChartCard title="Average of each numeric score" description="Per bucket; a gap where a bucket has no score. Click a bucket for its traces." className="span-2">
        <TimeSeriesChart
          data={averages}
          kind="line"
          label="Numeric scores"
          height={200}
          emptyHint="Send numeric scores (the SDK's score({ name, value }), an evaluator, or annotation) to follow their average here."
        />
      </ChartCard>
      <ChartCard title="Distribution of each numeric score" description="Ten equal bins from the score's min to its max. Click a bin for the traces whose score falls in it." className="span-2">
        {histograms.length ? (
          <div className="hist-grid">
            {histograms.map((h, i) => (
              <div key={h.name}>
                <div className="hist-title">
                  <span className="ellipsis" title={h.name}>{h.name}</span>
                  <span className="faint">{formatTokens(h.count)}</span>
                </div>
                <HistogramChart name={h.name} color={seriesColor(i)} bins={h.bins.map((b) => ({ ...b, href: tracesHref(projectId, params, params.filter, scoreBinConditions(h.name, b)) }))} />
              </div>
            ))}
          </div>
        ) : (
          <p className="section-note">No numeric scores in this range: send scores with a numeric value to see their spread.</p>
        )}
      </ChartCard>
      <ChartCard title="Categorical and boolean scores" description="Values counted per score. Click a label for its traces." className="span-2">
        <CategoryChart scores={categories} />
      </ChartCard>
      <ChartCard title="By model" description="Average (boolean: share of true). A score's model is its observation's, else every model its trace used.">
        <ScoreBreakdownTable data={byModel} groupLabel="Model" noneLabel="(no model)" hint="No numeric or boolean scores on traces in this range." />
      </ChartCard>
      <ChartCard title="By release" description="Does the new release score worse? The trace's release.">
        <ScoreBreakdownTable data={byRelease} groupLabel="Release" noneLabel="(no release)" hint="No numeric or boolean scores in this range. Send a release on your traces (Langfuse release, OTel service.version) to compare releases." />
      </ChartCard>
    </DashboardSection>
  );
}
