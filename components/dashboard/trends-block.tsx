// The trends of one session or one user (server component), embedded in the
// session page and the user page: cost over time by model, trace latency
// percentiles, volume and errors, and score averages, over the subject's own
// span (its first to its last trace; see lib/analytics/dashboard/trends-queries.ts).
// Same loaders' engine and charts as the dashboard.
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { tracesHref } from "@/lib/analytics/dashboard/traces-link";
import { trendRows, type TrendSubject } from "@/lib/analytics/dashboard/trends-queries";
import { nextBucket } from "@/lib/analytics/granularity";
import { prepareScoreAverages } from "@/lib/analytics/prepare/quality";
import { linkBuckets } from "@/lib/analytics/prepare/time-series";
import { prepareCostByModel, prepareLatencyPercentiles, prepareVolume } from "@/lib/analytics/prepare/trends";

export async function TrendsBlock({ projectId, subject }: { projectId: string; subject: TrendSubject }) {
  const t = await trendRows(projectId, subject);
  const what = subject.column === "sessionId" ? "session" : "user";
  if (!t) return null;
  const filter = [{ type: "string" as const, column: subject.column, operator: "=" as const, value: subject.value }];
  const volume = prepareVolume(t.volume, t.errors, t.unit);
  // Every chart links a bucket to its traces; the volume's buckets are every bucket with a trace.
  const bucketHrefs = Object.fromEntries(
    volume.points.map((p) => {
      const from = new Date(p.time);
      const to = new Date(Math.min(nextBucket(from, t.unit).getTime(), t.to.getTime()));
      return [p.time, tracesHref(projectId, { from: new Date(Math.max(from.getTime(), t.from.getTime())), to }, filter)];
    }),
  );
  const [cost, latency, volumeLinked, scores] = [prepareCostByModel(t.cost, t.unit), prepareLatencyPercentiles(t.latency, t.unit), volume, prepareScoreAverages(t.scores, t.unit)].map((d) => linkBuckets(d, bucketHrefs));
  return (
    <Card
      title="Trends"
      actions={
        <span className="muted small">
          This {what}&apos;s first trace to its last trace or score ({formatDate(t.from)} – {formatDate(new Date(t.to.getTime() - 1))}), by {t.unit}. Click a bucket for its traces.
        </span>
      }
    >
      <div className="trends-block grid-2" data-section="trends">
        <div>
          <h3 className="dash-subhead">Cost by model</h3>
          <TimeSeriesChart data={cost} kind="area" stacked label="Cost" height={200} emptyHint="Send generations with a model and usage (or a cost) to see what this costs." />
        </div>
        <div>
          <h3 className="dash-subhead">Latency percentiles</h3>
          <TimeSeriesChart data={latency} kind="line" label="Latency" height={200} emptyHint="Send observations with start and end times: a trace's latency spans them." />
        </div>
        <div>
          <h3 className="dash-subhead">Volume and errors</h3>
          <TimeSeriesChart data={volumeLinked} kind="line" label="Volume" height={200} emptyHint="Traces of this subject appear here." />
        </div>
        <div>
          <h3 className="dash-subhead">Score averages</h3>
          <TimeSeriesChart data={scores} kind="line" label="Scores" height={200} emptyHint="Score the traces (the SDK's score(), an evaluator, or annotation) to follow their averages here." />
        </div>
      </div>
    </Card>
  );
}
