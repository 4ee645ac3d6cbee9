// The dashboard's quality section (server component): each numeric score's
// average over time and its histogram, counts per label of categorical and
// boolean scores, and each score's average by model and by release. Data is
// read and shaped here (lib: loaders, prepare*); the charts only draw.
import { CategoryChart, type CategoryScore } from "@/components/charts/category-chart";
import { HistogramChart } from "@/components/charts/histogram-chart";
import { TimeLinesChart } from "@/components/charts/time-lines-chart";
import { Card } from "@/components/ui/card";
import { formatTokens } from "@/components/ui/format";
import type { SectionParams } from "@/lib/analytics/dashboard/run-section";
import { qualityRows } from "@/lib/analytics/dashboard/quality-queries";
import { scoreBinConditions, scoreValueCondition, tracesHref } from "@/lib/analytics/dashboard/traces-link";
import { nextBucket, resolveGranularity } from "@/lib/analytics/granularity";
import { seriesColor } from "@/lib/analytics/prepare/palette";
import { prepareScoreAverages, prepareScoreBreakdown, prepareScoreCategories, prepareScoreHistograms } from "@/lib/analytics/prepare/quality";
import { FilterNotApplicable } from "./section";
import { ScoreBreakdownTable } from "./score-breakdown-table";

export async function QualitySection({ projectId, params }: { projectId: string; params: SectionParams }) {
  const q = await qualityRows(projectId, params);
  const unit = params.unit ?? resolveGranularity(params.granularity, params.from, params.to);
  const averages = prepareScoreAverages(q.overTime);
  const bucketHrefs = Object.fromEntries(
    averages.points.map((p) => {
      const from = new Date(p.time);
      const to = new Date(Math.min(nextBucket(from, unit).getTime(), params.to.getTime()));
      return [p.time, tracesHref(projectId, { from: new Date(Math.max(from.getTime(), params.from.getTime())), to }, params.filter)];
    }),
  );
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
  return (
    <Card title="Quality" actions={<span className="muted small">Scores in the range: numeric averages and spread, labels counted, by model and by release.</span>}>
      {q.notApplicable.length > 0 ? (
        <FilterNotApplicable items={q.notApplicable} />
      ) : (
        <div className="grid" data-section="quality">
          <div>
            <h3 className="dash-subhead">Average of each numeric score over time</h3>
            <TimeLinesChart
              data={averages}
              kind="score"
              label="Numeric scores"
              unit={unit}
              bucketHrefs={bucketHrefs}
              emptyHint="Send numeric scores (the SDK's score({ name, value }), or annotate traces) to follow their average here."
            />
          </div>
          <div>
            <h3 className="dash-subhead">Distribution of each numeric score</h3>
            {histograms.length ? (
              <div className="hist-grid">
                {histograms.map((h, i) => (
                  <div key={h.name}>
                    <div className="hist-title">
                      <span className="ellipsis" title={h.name}>{h.name}</span>
                      <span className="faint">{formatTokens(h.count)}</span>
                    </div>
                    <HistogramChart
                      name={h.name}
                      color={seriesColor(i)}
                      bins={h.bins.map((b) => ({ ...b, href: tracesHref(projectId, params, params.filter, scoreBinConditions(h.name, b)) }))}
                    />
                  </div>
                ))}
              </div>
            ) : (
              <p className="section-note">No numeric scores in this range: send scores with a numeric value to see their spread.</p>
            )}
          </div>
          <div>
            <h3 className="dash-subhead">Categorical and boolean scores</h3>
            <CategoryChart scores={categories} />
          </div>
          <div className="grid-2">
            <div>
              <h3 className="dash-subhead">By model</h3>
              <ScoreBreakdownTable
                data={byModel}
                groupLabel="Model"
                noneLabel="(no model)"
                hint="No numeric or boolean scores on traces in this range. A score's model is its observation's, else every model its trace used."
              />
            </div>
            <div>
              <h3 className="dash-subhead">By release</h3>
              <ScoreBreakdownTable data={byRelease} groupLabel="Release" noneLabel="(no release)" hint="No numeric or boolean scores in this range. Send a release on your traces (Langfuse release, OTel service.version) to compare releases." />
            </div>
          </div>
        </div>
      )}
    </Card>
  );
}
