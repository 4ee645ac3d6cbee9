// Series colours for the dashboard's charts (the app's one chart palette).
import { TREND_COLORS } from "../../experiments/prepare-score-trend";

export const SERIES_COLORS: readonly string[] = TREND_COLORS;
export const seriesColor = (i: number): string => SERIES_COLORS[i % SERIES_COLORS.length];
