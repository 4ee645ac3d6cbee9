"use client";
// Counts per category of categorical and boolean scores: one horizontal
// stacked bar per score, a segment per label (its share of the score's
// values). Hover shows the label's count and share; the legend (per score)
// hides labels; a click opens the traces with that label. Draws what
// prepareScoreCategories made; hrefs come ready.
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { formatPercent, formatTokens } from "@/components/ui/format";
import type { CategoryCount, ScoreCategories } from "@/lib/analytics/prepare/quality";

export interface CategoryScore extends ScoreCategories {
  categories: (CategoryCount & { href: string | null; color: string })[];
}

const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function ScoreBar({ score }: { score: CategoryScore }) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shown = score.categories.filter((c) => !hidden.has(c.value));
  const total = shown.reduce((s, c) => s + c.count, 0);
  const toggle = (v: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(v)) next.delete(v);
      else next.add(v);
      return next;
    });
  return (
    <div className="cat-score" data-category-score={score.name}>
      <div className="row small">
        <span className="strong ellipsis" title={score.name}>{score.name}</span>
        <span className="faint">{score.dataType === "BOOLEAN" ? "boolean" : "categorical"} · {formatTokens(score.total)} scores</span>
      </div>
      <div className="cat-bar" role="img" aria-label={`${score.name}: ${score.categories.map((c) => `${c.value} ${c.count}`).join(", ")}`}>
        {shown.map((c) => {
          const title = `${c.value}: ${formatTokens(c.count)} (${formatPercent(total ? c.count / total : 0)})${c.href ? ". Click: those traces" : ""}`;
          const style = { width: `${total ? (c.count / total) * 100 : 0}%`, background: c.color };
          return c.href ? (
            <Link key={c.value} href={c.href} prefetch={false} className="cat-seg" style={style} title={title} data-category={c.value}>
              <span className="cat-seg-label">{shorten(c.value, 14)}</span>
            </Link>
          ) : (
            <span key={c.value} className="cat-seg" style={style} title={title} data-category={c.value}>
              <span className="cat-seg-label">{shorten(c.value, 14)}</span>
            </span>
          );
        })}
      </div>
      <div className="trend-legend" role="group" aria-label={`Show or hide a label of ${score.name}`}>
        {score.categories.map((c) => (
          <button key={c.value} type="button" className="trend-legend-item" aria-pressed={!hidden.has(c.value)} onClick={() => toggle(c.value)} title={`${c.value}: ${formatTokens(c.count)} (${formatPercent(c.share)})`}>
            <span className="trend-swatch" style={{ background: hidden.has(c.value) ? "var(--border-strong)" : c.color }} aria-hidden />
            {shorten(c.value, 24)} <span className="faint">{formatTokens(c.count)}</span>
          </button>
        ))}
      </div>
    </div>
  );
}

export function CategoryChart({ scores }: { scores: CategoryScore[] }) {
  if (!scores.length)
    return <EmptyState title="No categorical or boolean scores" description="Send scores with dataType CATEGORICAL (a label such as “polite”) or BOOLEAN (true / false) to count them here." className="trend-empty" />;
  return (
    <div className="cat-chart">
      {scores.map((s) => (
        <ScoreBar key={`${s.dataType}:${s.name}`} score={s} />
      ))}
    </div>
  );
}
