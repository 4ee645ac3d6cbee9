// The percentile method of the rollups (lib/analytics/sketch.ts): every value
// within α of its bin's representative, and every percentile of a sketch within
// 1 % of the exact figure by the rows engine's rule, on skewed, wide and
// clustered data sets, including merged sketches (hours and shards summed).
import { describe, expect, it } from "vitest";
import { decodeSketch, encodeSketch, mergeSketchText } from "@/lib/analytics/rollups/sketch-text";
import { addToSketch, binOf, binValue, exactPercentile, SKETCH_ALPHA, sketchPercentiles } from "@/lib/analytics/sketch";

// A seeded generator, so a failure reproduces.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const FRACTIONS = [0.5, 0.75, 0.9, 0.95, 0.99, 0, 1, 0.333];
const rel = (approx: number, exact: number) => (exact === 0 ? Math.abs(approx) : Math.abs(approx - exact) / Math.abs(exact));

function checkBound(values: number[]) {
  const sketch = new Map<number, number>();
  for (const v of values) addToSketch(sketch, v);
  const sorted = [...values].sort((a, b) => a - b);
  const approx = sketchPercentiles(sketch, FRACTIONS);
  let worst = 0;
  FRACTIONS.forEach((p, i) => {
    const exact = exactPercentile(sorted, p)!;
    const e = rel(approx[i]!, exact);
    worst = Math.max(worst, e);
    expect(e, `p${p * 100} of ${values.length} values: ${approx[i]} vs exact ${exact}`).toBeLessThanOrEqual(SKETCH_ALPHA + 1e-12);
  });
  return worst;
}

describe("log-bucket sketch", () => {
  it("keeps every value within α of its bin's representative", () => {
    const r = rng(1);
    let worst = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = Math.exp(r() * 40 - 15) * (r() < 0.1 ? -1 : 1);
      worst = Math.max(worst, rel(binValue(binOf(v)), v));
    }
    expect(worst).toBeLessThanOrEqual(SKETCH_ALPHA + 1e-12);
    // The bound is tight: some value is close to α away.
    expect(worst).toBeGreaterThan(SKETCH_ALPHA * 0.99);
    expect(binOf(0)).toBe(0);
    expect(binValue(0)).toBe(0);
  });

  it("answers percentiles within 1 % of the exact figures (latency-like, log-normal)", () => {
    const r = rng(2);
    const values = Array.from({ length: 50_000 }, () => Math.round(Math.exp(6 + 1.5 * Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r()))));
    checkBound(values);
  });

  it("within 1 % on costs spanning 9 orders of magnitude and on few values", () => {
    const r = rng(3);
    checkBound(Array.from({ length: 20_000 }, () => 10 ** (r() * 9 - 7)));
    for (let n = 1; n <= 7; n++) checkBound(Array.from({ length: n }, () => 1 + r() * 1000));
  });

  it("within 1 % on clustered values with gaps (interpolating across a gap) and on score values in [0, 1]", () => {
    const r = rng(4);
    checkBound([...Array.from({ length: 999 }, () => 100 + r()), ...Array.from({ length: 1001 }, () => 10_000 + r() * 10)]);
    checkBound(Array.from({ length: 5_000 }, () => 0.05 + Math.round(r() * 19) / 20));
  });

  it("merges by adding counts: sketches of parts (hours, shards) answer as the sketch of the whole", () => {
    const r = rng(5);
    const parts = Array.from({ length: 24 }, () => Array.from({ length: 500 }, () => 1 + r() * 5_000));
    const merged = new Map<number, number>();
    for (const part of parts) {
      const s = new Map<number, number>();
      for (const v of part) addToSketch(s, v);
      for (const [b, c] of s) merged.set(b, (merged.get(b) ?? 0) + c);
    }
    const whole = new Map<number, number>();
    for (const v of parts.flat()) addToSketch(whole, v);
    expect(sketchPercentiles(merged, FRACTIONS)).toEqual(sketchPercentiles(whole, FRACTIONS));
    checkBound(parts.flat());
  });

  it("answers null for an empty sketch and ignores bins counted out to 0", () => {
    expect(sketchPercentiles(new Map(), [0.5])).toEqual([null]);
    expect(sketchPercentiles(new Map([[binOf(5), 0], [binOf(10), 1]]), [0.5])[0]).toBeCloseTo(10, 0);
  });
});

describe("stored sketch merge (the rollup upsert's)", () => {
  it("sums bins, drops those that fall to 0, and leaves an empty delta's row as it was", () => {
    const stored = encodeSketch(new Map([[2100, 3], [2200, 1], [-2050, 2]]));
    const delta = encodeSketch(new Map([[2100, 2], [2200, -1], [2300, 4]]));
    expect(decodeSketch(mergeSketchText(stored, delta))).toEqual(new Map([[2100, 5], [-2050, 2], [2300, 4]]));
    expect(mergeSketchText(stored, "{}")).toBe(stored);
    expect(mergeSketchText("{}", delta)).toBe(delta);
    expect(decodeSketch(mergeSketchText(stored, encodeSketch(new Map([[2100, -3], [2200, -1], [-2050, -2]]))))).toEqual(new Map());
  });

  it("edits the stored text in place with the same result as summing the parsed sketches", () => {
    // A seeded walk: bins added, counted down to 0 and back, negative bins, the first and last key removed.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const expected = new Map<number, number>();
    let stored = "{}";
    for (let step = 0; step < 2000; step++) {
      const delta = new Map<number, number>();
      for (let i = rand(4); i >= 0; i--) {
        const bin = rand(40) - 20;
        const have = (expected.get(bin) ?? 0) + (delta.get(bin) ?? 0);
        const by = have > 0 && rand(2) === 0 ? -Math.min(have, 1 + rand(3)) : 1 + rand(3);
        delta.set(bin, (delta.get(bin) ?? 0) + by);
      }
      for (const [b, c] of delta) {
        const n = (expected.get(b) ?? 0) + c;
        if (n === 0) expected.delete(b);
        else expected.set(b, n);
      }
      stored = mergeSketchText(stored, encodeSketch(delta));
      expect(decodeSketch(stored)).toEqual(expected);
      expect(() => JSON.parse(stored)).not.toThrow();
    }
    // SQLite's json_group_object and PostgreSQL's jsonb text forms are merged too.
    expect(decodeSketch(mergeSketchText('{"3": 2, "4": 1}', '{"3":-2}'))).toEqual(new Map([[4, 1]]));
  });
});
