// Histograms served from the rollups' sketches (lib/analytics/rollups/serve.ts,
// lib/analytics/sketch.ts sketchHistogram) on both databases, against the rows
// engine's exact histograms: the same groups, as many bins, every value counted
// once (the total exact), the edges within ~2 % of the exact range; on aligned,
// unaligned (the minutes at either end come from the rows) and multi-day ranges,
// with the dashboard's spec (name × dataType, 10 bins), a filter, a time bucket,
// and latency histograms of traces and observations.
import { beforeAll, describe, expect, it } from "vitest";
import { dialectOf } from "@/lib/db/client";
import { metricsQuerySchema, type MetricsQueryInput, type MetricsRow } from "@/lib/analytics/query-schema";
import { serveFromRollups } from "@/lib/analytics/rollups/serve";
import { runOnRows } from "@/lib/analytics/rows/run";
import { validateMetricsQuery } from "@/lib/analytics/validate";
import type { IngestEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { histogramMatches } from "../support/histogram";
import { rollupsOnInBlock } from "../support/rollups";
import { dbFor, targets, uid } from "../support/targets";

const H = 3_600_000;
const BASE = Date.UTC(2026, 5, 3, 6, 0, 0);
const at = (minutes: number) => new Date(BASE + minutes * 60_000);

describe.each(targets())("rollup histograms on $name", (t) => {
  const db = dbFor(t);
  const projectId = uid("hist");
  rollupsOnInBlock();

  beforeAll(async () => {
    await db.project.create({ data: { id: projectId, name: "Histograms" } });
    // 60 traces over five days (every 2 h), each with a generation and three scores: a 0-1 quality, a 1-5 rating
    // and a wide cost-like score (negative values too); minutes spread so ranges cut hours.
    for (let i = 0; i < 60; i++) {
      const m = i * 120 - 2 * 24 * 60 + (i % 7) * 9;
      const events: IngestEvent[] = [
        { kind: "trace", id: `t${i}`, name: i % 3 ? "chat" : "search", timestamp: at(m), release: `r${i % 2}`, environment: "production" },
        { kind: "observation", id: `o${i}`, traceId: `t${i}`, type: "GENERATION", name: "llm", startTime: at(m), endTime: new Date(at(m).getTime() + 300 + ((i * 7919) % 5000)), model: i % 2 ? "gpt-4o" : "claude-3" },
        { kind: "score", id: `q${i}`, traceId: `t${i}`, name: "quality", value: ((i * 37) % 11) / 10, dataType: "NUMERIC", timestamp: at(m + 1) },
        { kind: "score", id: `r${i}`, traceId: `t${i}`, name: "rating", value: 1 + (i % 5), dataType: "NUMERIC", timestamp: at(m + 2) },
        { kind: "score", id: `w${i}`, traceId: `t${i}`, name: "wide", value: ((i * 131) % 97) * 3.7 - 40, dataType: "NUMERIC", timestamp: at(m + 3) },
        { kind: "score", id: `b${i}`, traceId: `t${i}`, name: "correct", value: i % 3 ? 1 : 0, dataType: "BOOLEAN", timestamp: at(m + 3) },
      ];
      await ingestEvents(projectId, events, db);
    }
  });

  const ranges = [
    [BASE - 2 * 24 * H, BASE + 3 * 24 * H],
    [BASE - 2 * 24 * H + 17 * 60_000, BASE + 24 * H + 5 * H + 41 * 60_000],
    [BASE + 3 * H, BASE + 9 * H],
  ].map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()] as const);
  const q = (x: Omit<MetricsQueryInput, "fromTimestamp" | "toTimestamp">) => x;
  const CASES = [
    // The dashboard's histograms spec (lib/analytics/dashboard/quality-queries.ts).
    q({ view: "scores-numeric", dimensions: [{ field: "name" }, { field: "dataType" }], metrics: [{ measure: "value", aggregation: "histogram" }, { measure: "count", aggregation: "count" }], config: { bins: 10 } }),
    q({ view: "scores-numeric", dimensions: [{ field: "name" }], metrics: [{ measure: "value", aggregation: "histogram" }], filters: [{ type: "string", column: "traceName", operator: "=", value: "chat" }], config: { bins: 4 } }),
    q({ view: "scores-numeric", dimensions: [{ field: "name" }], metrics: [{ measure: "value", aggregation: "histogram" }, { measure: "value", aggregation: "avg" }], timeDimension: { granularity: "day" }, config: { bins: 3 } }),
    q({ view: "traces", metrics: [{ measure: "latency", aggregation: "histogram" }, { measure: "count", aggregation: "count" }] }),
    q({ view: "observations", dimensions: [{ field: "providedModelName" }], metrics: [{ measure: "latency", aggregation: "histogram" }], config: { bins: 5 } }),
  ];

  const groupKey = (r: MetricsRow) => JSON.stringify(Object.entries(r).filter(([k, v]) => typeof v === "string" || v === null || k === "time_dimension").sort());

  it.each(CASES.map((c, i) => [i, c] as const))("serves histogram query %i from the rollups as the rows engine bins it", async (_, c) => {
    let bins = 0;
    for (const [from, to] of ranges) {
      const plan = validateMetricsQuery(metricsQuerySchema.parse({ ...c, fromTimestamp: from, toTimestamp: to }), dialectOf(db));
      const served = await serveFromRollups(db, projectId, plan);
      expect(served, "served from the rollups").not.toBeNull();
      const exact = await runOnRows(db, projectId, plan);
      expect(served!.map(groupKey).sort()).toEqual(exact.map(groupKey).sort());
      const byGroup = new Map(served!.map((r) => [groupKey(r), r]));
      for (const r of exact) {
        const o = byGroup.get(groupKey(r))!;
        for (const [k, v] of Object.entries(r)) {
          if (k.startsWith("histogram_")) {
            const h = v as [number, number, number][];
            bins += h.length;
            expect(histogramMatches(o[k], h, true), `${groupKey(r)} ${k}: ${JSON.stringify(o[k])} vs exact ${JSON.stringify(h)}`).toBe(true);
          } else if (typeof v === "number") expect(o[k]).toBeCloseTo(v, 9);
          else expect(o[k]).toEqual(v);
        }
      }
    }
    expect(bins).toBeGreaterThan(0);
  });
});
