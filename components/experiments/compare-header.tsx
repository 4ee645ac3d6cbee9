// The header cell of a run in the compare view: its aggregates over every
// item, with deltas against the baseline, and its regression and improvement counts.
import Link from "next/link";
import type { CompareRunInfo } from "@/lib/experiments/compare";
import type { RunAggregate } from "@/lib/experiments/deltas";
import { describePassRule, type ResolvedRule } from "@/lib/experiments/thresholds";
import { Badge } from "../ui/badge";
import { cx } from "../ui/cx";
import { formatCost, formatDuration, formatPercent } from "../ui/format";
import { changeClass, changeOfDelta, formatCostDelta, formatLatencyDelta, formatPointsDelta, formatScore, formatScoreDelta } from "./compare-format";

function Delta({ d, text, lowerBetter = false }: { d: number | null; text: (d: number) => string; lowerBetter?: boolean }) {
  if (d === null) return null;
  return <span className={cx("cmp-delta", changeClass(changeOfDelta(d, lowerBetter)))}>{text(d)}</span>;
}

export function CompareRunHeader({ run, agg, rules, runHref }: { run: CompareRunInfo; agg: RunAggregate; rules: Record<string, ResolvedRule>; runHref: string }) {
  return (
    <div className="cmp-head" data-run={run.name}>
      <div className="row gap-2 wrap">
        <Link href={runHref} className="strong cmp-run-name">
          {run.name}
        </Link>
        {run.isBaseline && <Badge tone="info">baseline</Badge>}
      </div>
      {!run.isBaseline && (
        <div className="row gap-1 wrap" aria-label={`${run.name} against the baseline`}>
          <Badge tone={agg.regressions ? "error" : "neutral"} title="items that passed in the baseline and fail here">
            {agg.regressions} {agg.regressions === 1 ? "regression" : "regressions"}
          </Badge>
          <Badge tone={agg.improvements ? "success" : "neutral"} title="items that failed in the baseline and pass here">
            {agg.improvements} {agg.improvements === 1 ? "improvement" : "improvements"}
          </Badge>
        </div>
      )}
      <dl className="cmp-aggs">
        <dt>items run</dt>
        <dd>
          {agg.itemsRun.toLocaleString("en-US")}
          {agg.itemsMissing > 0 && <span className="muted"> · {agg.itemsMissing.toLocaleString("en-US")} not run</span>}
        </dd>
        {agg.scores.map((s) => (
          <div key={s.name} className="cmp-agg-score">
            <dt title={`pass rule: ${describePassRule(rules[s.name]!.rule)}`}>{s.name}</dt>
            <dd>
              {s.mean !== null ? `mean ${formatScore(s.mean)}` : `${s.count} scored`} <Delta d={s.meanDelta} text={formatScoreDelta} />
              {s.passRate !== null && (
                <>
                  {" · "}
                  {formatPercent(s.passRate)} pass <Delta d={s.passRateDelta} text={formatPointsDelta} />
                </>
              )}
            </dd>
          </div>
        ))}
        <dt>mean latency</dt>
        <dd>
          {formatDuration(agg.meanLatencyMs)} <Delta d={agg.meanLatencyDelta} text={formatLatencyDelta} lowerBetter />
        </dd>
        <dt>total cost</dt>
        <dd>
          {formatCost(agg.totalCost)} <Delta d={agg.totalCostDelta} text={formatCostDelta} lowerBetter />
        </dd>
      </dl>
    </div>
  );
}
