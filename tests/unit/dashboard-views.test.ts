// Section views: loaded rows → charts whose figures link to the traces behind
// them; a view that cannot take the filter passes its note through.
import { describe, expect, it } from "vitest";
import { parseDashboardParams } from "@/lib/analytics/dashboard/params";
import { costView, latencyView, volumeView } from "@/lib/analytics/dashboard/views";
import type { Loaded } from "@/lib/analytics/dashboard/queries";

const now = new Date("2026-03-10T12:00:00.000Z");
const p = parseDashboardParams({ range: "24h" }, now);
const ok = (rows: Loaded & { ok: true } extends { rows: infer R } ? R : never): Loaded => ({ ok: true, rows });
const hour = "2026-03-10T10:00:00.000Z";
const params = (href: string | undefined) => new URL(href ?? "", "http://x").searchParams;

describe("costView", () => {
  const loaded = {
    overTime: ok([{ time_dimension: hour, providedModelName: "gpt-4o", sum_totalCost: 2 }]),
    byModel: ok([{ providedModelName: "gpt-4o", sum_totalCost: 2, count_count: 3 }]),
    byName: ok([{ name: "chat", sum_totalCost: 2, count_count: 1 }]),
    byUser: ok([{ userId: "alice", sum_totalCost: 1.5, count_count: 1 }]),
    total: ok([{ sum_totalCost: 2, count_count: 2 }]),
  };
  const v = costView("demo", p, loaded);

  it("links a bucket of one model to those traces in that hour", () => {
    if (!v.overTime.ok) throw new Error("expected data");
    const point = v.overTime.data.points.find((x) => x.time === hour)!;
    expect(point.values.s0).toBe(2);
    const q = params(point.seriesHrefs?.s0);
    expect(q.get("from")).toBe(hour);
    expect(q.get("to")).toBe("2026-03-10T10:59:59.999Z");
    expect(JSON.parse(q.get("filter")!)).toEqual({ type: "string", column: "model", operator: "=", value: "gpt-4o" });
  });

  it("adds other users as the total less the top users'", () => {
    if (!v.byUser.ok) throw new Error("expected data");
    expect(v.byUser.data.items.map((i) => [i.label, i.value])).toEqual([
      ["alice", 1.5],
      ["other", 0.5],
    ]);
    expect(params(v.byUser.data.items[0].href).get("userId")).toBe("alice");
    expect(v.byUser.data.items[1].href).toBeUndefined();
    if (!v.byName.ok) throw new Error("expected data");
    expect(params(v.byName.data.items[0].href).get("name")).toBe("chat");
    expect(params(v.byName.data.items[0].href).get("range")).toBe("24h");
  });
});

describe("latencyView and volumeView", () => {
  it("passes a not-applicable filter through and keeps the rest", () => {
    const na: Loaded = { ok: false, notApplicable: [{ condition: { type: "string", column: "level", operator: "=", value: "error" }, reason: "r" }] };
    const v = volumeView("demo", p, { traces: ok([{ time_dimension: hour, count_count: 4 }]), errorTraces: ok([{ time_dimension: hour, count_count: 1 }]), observations: na });
    expect(v.observations).toBe(na);
    if (!v.errorRate.ok) throw new Error("expected data");
    const point = v.errorRate.data.points.find((x) => x.time === hour)!;
    expect(point.values.s0).toBe(0.25);
    expect(params(point.href).get("level")).toBe("error");
  });

  it("keeps time to first token rows only for models that reported one", () => {
    const v = latencyView("demo", p, {
      overTime: ok([]),
      byName: ok([]),
      byModel: ok([
        { providedModelName: "a", count_count: 2, p50_latency: 5, p95_latency: 6, p99_latency: 7, p50_timeToFirstToken: 1, p95_timeToFirstToken: 2 },
        { providedModelName: "b", count_count: 1, p50_latency: 5, p95_latency: 6, p99_latency: 7, p50_timeToFirstToken: null, p95_timeToFirstToken: null },
      ]),
    });
    if (!v.timeToFirstToken.ok || !v.byModel.ok) throw new Error("expected data");
    expect(v.byModel.data.map((r) => r.label)).toEqual(["a", "b"]);
    expect(v.timeToFirstToken.data.map((r) => [r.label, r.p50, r.p95])).toEqual([["a", 1, 2]]);
  });
});
