// The plain data the drawing-only chart components (components/charts) take:
// made on the server by the prepare* functions, passed as props. The one set
// of time series types: the dashboard's sections, its quality section and the
// session / user trends all draw them with components/charts/time-series-chart.tsx.

/** How a chart formats its values (components/ui/format.ts picks the formatter in the browser). */
export type ValueFormat = "cost" | "tokens" | "duration" | "count" | "percent" | "score";

export interface ChartSeries {
  /** The data key in each point ("s0", "s1", …: labels may hold dots, which Recharts reads as paths). */
  key: string;
  /** The full label (the legend shortens it and shows it whole on hover). */
  label: string;
  color: string;
}

export interface TimePoint {
  /** The bucket start, ISO (UTC). */
  time: string;
  /** Each series' value by its key; null: no value in this bucket (a percentile of nothing). */
  values: Record<string, number | null>;
  /** The traces table for the bucket, all series. */
  href?: string;
  /** The traces table for the bucket and one series, by series key. */
  seriesHrefs?: Record<string, string>;
}

export interface TimeSeriesData {
  /** The bucket unit (axis labels: an hour shows the time, a day or week the date). */
  unit: "minute" | "hour" | "day" | "week" | "month";
  series: ChartSeries[];
  points: TimePoint[];
  format: ValueFormat;
}

export interface BarItem {
  label: string;
  value: number;
  color: string;
  /** The traces table for this item; none for "other". */
  href?: string;
  /** Extra figures for the tooltip, already formatted ("42 traces"). */
  detail?: string;
}

export interface BarListData {
  items: BarItem[];
  format: ValueFormat;
}
