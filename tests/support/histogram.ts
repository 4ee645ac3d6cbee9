// Histograms as answered: exact from the rows; from the rollups' sketches
// (lib/analytics/sketch.ts sketchHistogram) with as many bins, the same total
// count, and edges within γ − 1 (~2.02 %) of the range's larger magnitude.
import { SKETCH_ALPHA } from "@/lib/analytics/sketch";

type Bins = readonly (readonly [number, number, number])[];

const EDGE_BOUND = (2 * SKETCH_ALPHA) / (1 - SKETCH_ALPHA);

/** Whether `got` is `exact` as the rollups may answer it (or exactly, to 1e-9, when `approximate` is false). */
export function histogramMatches(got: unknown, exact: Bins, approximate: boolean): boolean {
  if (!Array.isArray(got)) return false;
  const bins = got as [number, number, number][];
  const total = (b: Bins) => b.reduce((s, x) => s + x[2], 0);
  if (!approximate) return bins.length === exact.length && bins.every((b, i) => b.every((x, j) => Math.abs(x - exact[i][j]) <= 1e-9));
  if (!exact.length) return !bins.length;
  if (total(bins) !== total(exact)) return false;
  const lo = exact[0][0];
  const hi = exact[exact.length - 1][1];
  const tol = EDGE_BOUND * Math.max(Math.abs(lo), Math.abs(hi)) + 1e-12;
  // Distinct values in one sketch bin answer one bin; one exact bin is one value (its sketch bin).
  if (bins.length !== exact.length) return bins.length === 1 && Math.abs(hi - lo) <= tol && Math.abs(bins[0][0] - lo) <= tol;
  return bins.every(([a, b], i) => Math.abs(a - exact[i][0]) <= tol && Math.abs(b - exact[i][1]) <= tol);
}

/** An asymmetric matcher for toEqual: `histogramNear(exact, rollupsServeIt)`. */
export function histogramNear(exact: Bins, approximate: boolean) {
  const what = `${approximate ? "a sketch histogram of" : "exactly"} ${JSON.stringify(exact)}`;
  return { asymmetricMatch: (v: unknown) => histogramMatches(v, exact, approximate), toString: () => what, toAsymmetricMatcher: () => what };
}
