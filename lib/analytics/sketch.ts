// A DDSketch-style log-bucket sketch (Masson, Rim, Lee, "DDSketch", VLDB 2019)
// with relative accuracy α = 0.01: a value v > 0 falls in bin i = ⌈log_γ v⌉,
// γ = (1 + α) / (1 − α), so every value of bin i lies in (γ^(i−1), γ^i] and the
// bin's representative 2γ^i / (γ + 1) is within α of each of them. Negative
// values mirror the positive bins, values of magnitude below MIN_MAGNITUDE
// share bin 0 (represented by 0). Bins are plain integers, so a sketch is a
// set of (bin → count) rows that SQL sums like any count (the rollups store
// them so and merge hours and shards with GROUP BY).
//
// A percentile follows the rows engine's rule (type 7, PostgreSQL's
// percentile_cont): h = p·(n − 1), v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋]),
// with each v[k] replaced by its bin's representative. Each representative is
// within α of the exact v[k] and the interpolation is a convex combination, so
// the answer is within α (1 %) of the exact percentile whenever the two values
// have the same sign (latencies, costs, token counts, most scores). Pure.
export const SKETCH_ALPHA = 0.01;
const GAMMA = (1 + SKETCH_ALPHA) / (1 - SKETCH_ALPHA);
const LOG_GAMMA = Math.log(GAMMA);
/** Below this magnitude a value counts as 0 (1e-9 ms, USD, or score points). */
export const MIN_MAGNITUDE = 1e-9;
// Shifts ⌈log_γ v⌉ (≥ −1047 for v ≥ 1e-9) to a positive bin, so the sign of the bin is the sign of the value.
const OFFSET = 2000;

/** The bin of a value (0 for |v| < MIN_MAGNITUDE; negative values get negative bins). */
export function binOf(v: number): number {
  const m = Math.abs(v);
  if (!(m >= MIN_MAGNITUDE)) return 0;
  const i = Math.ceil(Math.log(m) / LOG_GAMMA) + OFFSET;
  return v < 0 ? -i : i;
}

/** The value a bin stands for: within α of every value it holds. */
export function binValue(bin: number): number {
  if (bin === 0) return 0;
  const i = Math.abs(bin) - OFFSET;
  const v = (2 * Math.pow(GAMMA, i)) / (GAMMA + 1);
  return bin < 0 ? -v : v;
}

/** Adds a value to a sketch (bin → count). */
export function addToSketch(sketch: Map<number, number>, v: number, count = 1): void {
  const b = binOf(v);
  sketch.set(b, (sketch.get(b) ?? 0) + count);
}

/** Percentiles of a sketch by the rows engine's rule (see above); null when it is empty. */
export function sketchPercentiles(sketch: ReadonlyMap<number, number>, fractions: readonly number[]): (number | null)[] {
  // Bins in value order: negative bins have negative values, larger |bin| further from 0.
  const bins = [...sketch].filter(([, c]) => c > 0).sort((a, b) => binValue(a[0]) - binValue(b[0]));
  const n = bins.reduce((s, [, c]) => s + c, 0);
  if (!n) return fractions.map(() => null);
  const at = (rank: number): number => {
    let seen = 0;
    for (const [b, c] of bins) {
      seen += c;
      if (rank < seen) return binValue(b);
    }
    return binValue(bins[bins.length - 1][0]);
  };
  return fractions.map((p) => {
    const h = p * (n - 1);
    const lo = Math.floor(h);
    const vLo = at(lo);
    return lo + 1 < n ? vLo + (h - lo) * (at(lo + 1) - vLo) : vLo;
  });
}

/** The exact percentile by the same rule, for tests and the bound check. */
export function exactPercentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const h = p * (sorted.length - 1);
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/**
 * The range of values a bin holds, [lower, upper]: (γ^(i−1), γ^i] for a positive bin, its mirror for a
 * negative one, [0, 0] for bin 0. Either bound is within γ − 1 = 2α / (1 − α) (~2.02 %) of every value of the bin.
 */
export function binBounds(bin: number): [number, number] {
  if (bin === 0) return [0, 0];
  const i = Math.abs(bin) - OFFSET;
  const lo = Math.pow(GAMMA, i - 1);
  const hi = Math.pow(GAMMA, i);
  return bin < 0 ? [-hi, -lo] : [lo, hi];
}

/**
 * An equal-width histogram of a sketch, shaped as the rows engine's ([[lower, upper, count], ...], `bins`
 * bins between the minimum and the maximum; one bin [v, v, n] when every value is one; [] when empty).
 * The exact minimum and maximum are unknown: the edges run from the lower bound of the lowest sketch bin to
 * the upper bound of the highest (each within γ − 1, ~2 %, of the exact figure; exact for 0 and for powers of γ such
 * as 1), and each sketch bin's count goes to the histogram bin its representative falls in, so the counts
 * add up exactly to the number of values while a value near an edge may sit one bin off. A single sketch bin
 * answers its representative (within α). Pure.
 */
export function sketchHistogram(sketch: ReadonlyMap<number, number>, bins: number): [number, number, number][] {
  const held = [...sketch].filter(([, c]) => c > 0).sort((a, b) => binValue(a[0]) - binValue(b[0]));
  const total = held.reduce((s, [, c]) => s + c, 0);
  if (!total) return [];
  if (held.length === 1) {
    const v = binValue(held[0][0]);
    return [[v, v, total]];
  }
  const lo = binBounds(held[0][0])[0];
  const hi = binBounds(held[held.length - 1][0])[1];
  const edge = (i: number) => (i === bins ? hi : lo + ((hi - lo) * i) / bins);
  const out: [number, number, number][] = Array.from({ length: bins }, (_, i) => [edge(i), edge(i + 1), 0]);
  for (const [b, c] of held) {
    // The rows engine's rule: a value goes to the first bin whose upper edge is above it, the last bin takes the rest.
    const v = binValue(b);
    let i = Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * bins)));
    while (i > 0 && v < edge(i)) i--;
    while (i < bins - 1 && v >= edge(i + 1)) i++;
    out[i][2] += c;
  }
  return out;
}
