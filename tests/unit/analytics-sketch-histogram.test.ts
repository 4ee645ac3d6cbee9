// Histograms from the rollups' sketches (lib/analytics/sketch.ts binBounds,
// sketchHistogram): bin bounds hold every value of their bin, the edges are
// within γ − 1 (~2 %) of the exact minimum and maximum, the counts add up exactly, and a
// value sits in the bin the rows engine's equal-width rule puts it in unless it
// is within the sketch's error of an edge.
import { describe, expect, it } from "vitest";
import { addToSketch, binBounds, binOf, binValue, SKETCH_ALPHA, sketchHistogram } from "@/lib/analytics/sketch";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** The rows engine's histogram (lib/analytics/rows/run.ts + sql.ts) of exact values. */
function exactHistogram(values: number[], bins: number): [number, number, number][] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (lo === hi) return [[lo, hi, values.length]];
  const edge = (i: number) => (i === bins ? hi : lo + ((hi - lo) * i) / bins);
  const out: [number, number, number][] = Array.from({ length: bins }, (_, i) => [edge(i), edge(i + 1), 0]);
  for (const v of values) {
    let i = 0;
    while (i < bins - 1 && !(v < edge(i + 1))) i++;
    out[i][2]++;
  }
  return out;
}

const sketchOf = (values: number[]) => {
  const s = new Map<number, number>();
  for (const v of values) addToSketch(s, v);
  return s;
};
// γ − 1 = 2α / (1 − α): a bin's width relative to its bounds (~2.02 %).
const EDGE_BOUND = 2 * SKETCH_ALPHA / (1 - SKETCH_ALPHA) + 1e-12;
const rel = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

describe("binBounds", () => {
  it("holds every value of its bin, bounds within γ − 1 of them", () => {
    const r = rng(7);
    for (let k = 0; k < 5000; k++) {
      const v = (r() - 0.5) * 10 ** (r() * 12 - 6);
      const [lo, hi] = binBounds(binOf(v));
      expect(lo <= v && v <= hi, `${v} in [${lo}, ${hi}]`).toBe(true);
      expect(rel(lo, v)).toBeLessThanOrEqual(EDGE_BOUND);
      expect(rel(hi, v)).toBeLessThanOrEqual(EDGE_BOUND);
      const rep = binValue(binOf(v));
      expect(lo <= rep && rep <= hi).toBe(true);
    }
  });

  it("is exact for 0 and 1", () => {
    expect(binBounds(binOf(0))).toEqual([0, 0]);
    expect(binBounds(binOf(1))[1]).toBe(1);
    expect(binBounds(binOf(-1))[0]).toBe(-1);
  });
});

describe("sketchHistogram", () => {
  it("answers [] for an empty sketch and one bin for a single value", () => {
    expect(sketchHistogram(new Map(), 10)).toEqual([]);
    expect(sketchHistogram(sketchOf([0, 0, 0]), 10)).toEqual([[0, 0, 3]]);
    const [[lo, hi, n]] = sketchHistogram(sketchOf([3, 3]), 10);
    expect([rel(lo, 3) <= SKETCH_ALPHA, lo === hi, n]).toEqual([true, true, 2]);
  });

  it("has exact edges for scores between 0 and 1", () => {
    const h = sketchHistogram(sketchOf([0, 0.25, 0.5, 0.5, 1]), 4);
    expect(h.map(([lo, hi]) => [lo, hi])).toEqual([
      [0, 0.25],
      [0.25, 0.5],
      [0.5, 0.75],
      [0.75, 1],
    ]);
    expect(h.reduce((s, b) => s + b[2], 0)).toBe(5);
  });

  it("counts every value once, edges within γ − 1 of the exact range, bins off only near an edge", () => {
    const r = rng(42);
    const sets = [
      Array.from({ length: 2000 }, () => r()),
      Array.from({ length: 2000 }, () => 1 + Math.floor(r() * 5)),
      Array.from({ length: 2000 }, () => Math.exp(r() * 8)),
      Array.from({ length: 2000 }, () => (r() - 0.3) * 100),
    ];
    for (const values of sets) {
      for (const bins of [1, 2, 10]) {
        const exact = exactHistogram(values, bins);
        const approx = sketchHistogram(sketchOf(values), bins);
        expect(approx).toHaveLength(exact.length);
        expect(approx.reduce((s, b) => s + b[2], 0)).toBe(values.length);
        const span = exact[exact.length - 1][1] - exact[0][0];
        const lo = Math.min(...values);
        const hi = Math.max(...values);
        expect(rel(approx[0][0], lo)).toBeLessThanOrEqual(EDGE_BOUND);
        expect(rel(approx[approx.length - 1][1], hi)).toBeLessThanOrEqual(EDGE_BOUND);
        // A value changes bin only when it lies within the sketch's error (of itself and of the range) of an edge.
        const slack = 2 * SKETCH_ALPHA * (Math.abs(lo) + Math.abs(hi)) + SKETCH_ALPHA * Math.max(Math.abs(lo), Math.abs(hi));
        const e = (i: number) => exact[0][0] + (span * i) / bins;
        const near = values.filter((v) => Array.from({ length: bins - 1 }, (_, i) => e(i + 1)).some((x) => Math.abs(v - x) <= slack)).length;
        const moved = exact.reduce((s, b, i) => s + Math.abs(b[2] - approx[i][2]), 0) / 2;
        expect(moved).toBeLessThanOrEqual(near);
      }
    }
  });
});
