// Runs (oldest first) → the score trend chart's series: one line per item score
// (its average over the run's items; a boolean's pass rate) and one per
// run-level score, one point per run, so a trend across releases shows at a
// glance. Pure: the chart component only draws what this returns.

/** What the trend needs of a run (a RunListRow fits). */
export interface TrendRunInput {
  id: string;
  name: string;
  createdAt: string;
  itemScores: { name: string; dataType: string; avg: number | null; count: number }[];
  runScores: { name: string; dataType: string; value: number | null }[];
}

export interface TrendSeries {
  /** the data key in each point ("s0", "s1", …: score names may hold dots, which Recharts reads as paths) */
  key: string;
  /** the score's name */
  name: string;
  /** "item": the average over the run's items; "run": a run-level score */
  kind: "item" | "run";
  dataType: string;
  /** what the legend and the tooltip call it */
  label: string;
  color: string;
}

export interface TrendPoint {
  runId: string;
  runName: string;
  createdAt: string;
  /** series key → value (null: the run has no such score; the line bridges it) */
  [seriesKey: string]: string | number | null;
}

export interface ScoreTrend {
  series: TrendSeries[];
  points: TrendPoint[];
  /** categorical scores have no average to draw: named so the chart can say so */
  notCharted: string[];
}

/** Distinct on a white surface, colour-blind friendlier order (Okabe–Ito first). */
export const TREND_COLORS = ["#4c5bd4", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#7a5c00", "#1b1f24", "#d23434", "#0ca678"] as const;

const charted = (dataType: string) => dataType === "NUMERIC" || dataType === "BOOLEAN";

export function prepareScoreTrend(runsOldestFirst: readonly TrendRunInput[]): ScoreTrend {
  const item = new Map<string, string>();
  const run = new Map<string, string>();
  const skipped = new Set<string>();
  for (const r of runsOldestFirst) {
    for (const s of r.itemScores) {
      if (charted(s.dataType) && s.avg !== null) item.set(s.name, item.get(s.name) ?? s.dataType);
      else if (!charted(s.dataType)) skipped.add(s.name);
    }
    for (const s of r.runScores) {
      if (charted(s.dataType) && s.value !== null) run.set(s.name, run.get(s.name) ?? s.dataType);
      else if (!charted(s.dataType)) skipped.add(`${s.name} (run)`);
    }
  }
  const byName = (a: [string, string], b: [string, string]) => a[0].localeCompare(b[0]);
  const series: TrendSeries[] = [
    ...[...item].sort(byName).map(([name, dataType]) => ({ name, kind: "item" as const, dataType, label: dataType === "BOOLEAN" ? `${name} (pass rate)` : `${name} (avg)` })),
    ...[...run].sort(byName).map(([name, dataType]) => ({ name, kind: "run" as const, dataType, label: `${name} (run)` })),
  ].map((s, i) => ({ ...s, key: `s${i}`, color: TREND_COLORS[i % TREND_COLORS.length] }));

  const points = runsOldestFirst.map((r) => {
    const p: TrendPoint = { runId: r.id, runName: r.name, createdAt: r.createdAt };
    for (const s of series) {
      const v = s.kind === "item" ? r.itemScores.find((x) => x.name === s.name && x.dataType === s.dataType)?.avg : r.runScores.find((x) => x.name === s.name && x.dataType === s.dataType)?.value;
      p[s.key] = v ?? null;
    }
    return p;
  });
  return { series, points: series.length ? points : [], notCharted: [...skipped].sort() };
}
