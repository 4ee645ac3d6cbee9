// Langfuse's metrics endpoints over real HTTP on both servers: GET
// /api/public/metrics (v1 query API), /api/public/v2/metrics and
// /api/public/metrics/daily, with exact figures on a known data set
// (tests/support/metrics-data.ts), every documented 400 naming its field, and
// 401 without a key.
import { beforeAll, describe, expect, it } from "vitest";
import { expectedDaily, ingestMetricsFixture, metricsCases, metricsFixture } from "../support/metrics-data";
import { api, targets, type TestTarget } from "../support/targets";

const DAY = 86_400_000;

async function getJson(t: TestTarget, path: string, params: Record<string, string | string[]>, status = 200) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) qs.append(k, one);
  const res = await api(t, `${path}?${qs}`);
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

/** A 400 in the error contract whose first detail names `path`. */
async function expect400(t: TestTarget, path: string, params: Record<string, string | string[]>, field: string) {
  const body = await getJson(t, path, params, 400);
  expect(body.error).toMatchObject({ code: "bad_request", message: expect.stringContaining(field) });
  expect(body.error.details[0].path, JSON.stringify(body.error)).toBe(field);
  return body.error as { message: string; details: { path: string; issue: string }[] };
}

describe.each(targets())("metrics API over HTTP on $name", (t) => {
  const f = metricsFixture();
  const daily = (params: Record<string, string | string[]>, status = 200) => getJson(t, "/api/public/metrics/daily", params, status);
  const whole = { ...f.range, tags: f.tag };
  const dayIso = (i: number) => new Date(f.day0.getTime() + i * DAY).toISOString();

  beforeAll(() => ingestMetricsFixture(t, f));

  describe("GET /api/public/metrics/daily", () => {
    it("answers each day with traces or observations, newest first, with usage per model", async () => {
      const body = await daily(whole);
      expect(body).toEqual({ data: expectedDaily(f), meta: { page: 1, limit: 50, totalItems: 3, totalPages: 1 } });
    });

    it("filters by trace name, user, environment and tags (all of them, repeated or comma-separated)", async () => {
      const [d2, d1, d0] = expectedDaily(f);
      expect((await daily({ ...whole, traceName: f.names.chat })).data).toEqual([d1, d0]);
      expect((await daily({ ...whole, environment: "staging" })).data).toEqual([d2]);
      expect((await daily({ ...whole, environment: ["staging", "production"] })).data).toEqual([d2, d1, d0]);
      expect((await daily({ ...whole, environment: "staging,production" })).data).toEqual([d2, d1, d0]);
      // u1's traces: the rag trace on day 2 and the first chat trace on day 0 (its generation and span).
      const u1Day0 = {
        date: d0.date,
        countTraces: 1,
        countObservations: 2,
        totalCost: 0.75,
        usage: [d0.usage[1], d0.usage[2]],
      };
      expect((await daily({ ...whole, userId: f.users.u1 })).data).toEqual([d2, u1Day0]);
      expect((await daily({ ...f.range, tags: [f.tag, "a"] })).data).toEqual([u1Day0]);
      expect((await daily({ ...f.range, tags: `${f.tag},a` })).data).toEqual([u1Day0]);
      expect((await daily({ ...f.range, tags: [f.tag, "a", "b"] })).data).toEqual([]);
    });

    it("takes traces in [fromTimestamp, toTimestamp)", async () => {
      const [d2] = expectedDaily(f);
      expect((await daily({ tags: f.tag, fromTimestamp: dayIso(1), toTimestamp: dayIso(3) })).data).toEqual([d2]);
      // The rag trace starts at day 2, 12:00: an end at that instant leaves it out.
      const before = await daily({ tags: f.tag, fromTimestamp: dayIso(2), toTimestamp: f.at(2.5 * DAY) });
      expect(before.data).toEqual([]);
      expect(before.meta).toEqual({ page: 1, limit: 50, totalItems: 0, totalPages: 0 });
    });

    it("pages over days (Langfuse's page and limit, limit at most 100)", async () => {
      const [, d1] = expectedDaily(f);
      expect(await daily({ ...whole, page: "2", limit: "1" })).toEqual({ data: [d1], meta: { page: 2, limit: 1, totalItems: 3, totalPages: 3 } });
      expect((await daily({ ...whole, page: "4", limit: "1" })).data).toEqual([]);
      await expect400(t, "/api/public/metrics/daily", { limit: "101" }, "limit");
      await expect400(t, "/api/public/metrics/daily", { limit: "0" }, "limit");
      await expect400(t, "/api/public/metrics/daily", { page: "0" }, "page");
      await expect400(t, "/api/public/metrics/daily", { fromTimestamp: "yesterday" }, "fromTimestamp");
    });
  });

  describe("GET /api/public/metrics and /api/public/v2/metrics", () => {
    const query = (path: string, q: unknown) => getJson(t, path, { query: JSON.stringify(q) });

    it.each(metricsCases(f).map((c) => [c.title, c] as const))("%s", async (_title, c) => {
      expect(await query("/api/public/metrics", c.query)).toEqual({ data: c.rows });
      if (c.v2) expect(await query("/api/public/v2/metrics", c.query)).toEqual({ data: c.rows });
    });

    it("config.row_limit caps the rows, after the order", async () => {
      const byModel = metricsCases(f)[2];
      const limited = { ...byModel.query, orderBy: [{ field: "sum_totalCost", direction: "desc" }], config: { row_limit: 1 } };
      const [gpt] = byModel.rows.slice(1);
      expect(await query("/api/public/v2/metrics", limited)).toEqual({ data: [gpt] });
      expect(await query("/api/public/metrics", limited)).toEqual({ data: [gpt] });
    });
  });

  describe("v2's row cap", () => {
    it("answers at most 100 rows unless config.row_limit says otherwise; v1 has no cap", async () => {
      // Two hours by the minute: 120 buckets, one row each.
      const perMinute = {
        view: "observations",
        metrics: [{ measure: "count", aggregation: "count" }],
        filters: [{ column: "traceName", type: "stringOptions", operator: "any of", value: [f.names.chat] }],
        timeDimension: { granularity: "minute" },
        fromTimestamp: f.at(9.5 * 3_600_000),
        toTimestamp: f.at(11.5 * 3_600_000),
      };
      const rows = (path: string, q: object) => getJson(t, path, { query: JSON.stringify(q) }).then((b) => b.data as { time_dimension: string; count_count: number }[]);
      const all = await rows("/api/public/metrics", perMinute);
      expect(all).toHaveLength(120);
      expect(all.filter((r) => r.count_count > 0)).toEqual([{ time_dimension: f.at(10 * 3_600_000), count_count: 2 }]);
      expect(await rows("/api/public/v2/metrics", perMinute)).toEqual(all.slice(0, 100));
      expect(await rows("/api/public/v2/metrics", { ...perMinute, config: { row_limit: 1000 } })).toEqual(all);
    });
  });

  describe("errors of the query API", () => {
    const v1 = "/api/public/metrics";
    const v2 = "/api/public/v2/metrics";
    const base = { view: "traces", metrics: [{ measure: "count", aggregation: "count" }], ...f.range };
    const q = (query: unknown) => ({ query: typeof query === "string" ? query : JSON.stringify(query) });

    it("refuses a missing or unparsable query parameter, naming query", async () => {
      await expect400(t, v1, {}, "query");
      await expect400(t, v1, q("{not json"), "query");
      await expect400(t, v2, q("[1, 2"), "query");
    });

    it("refuses an unknown view and an unknown aggregation, naming them inside query", async () => {
      await expect400(t, v1, q({ ...base, view: "sessions" }), "query.view");
      await expect400(t, v1, q({ ...base, metrics: [{ measure: "count", aggregation: "median" }] }), "query.metrics[0].aggregation");
    });

    it("refuses a field, measure or filter column the view does not have, and a numeric aggregation of a text measure", async () => {
      const error = await expect400(t, v1, q({ ...base, dimensions: [{ field: "providedModelName" }] }), "query.dimensions[0].field");
      expect(error.message).toContain("providedModelName");
      await expect400(t, v1, q({ ...base, metrics: [{ measure: "count", aggregation: "count" }, { measure: "inputTokens", aggregation: "sum" }] }), "query.metrics[1].measure");
      await expect400(t, v2, q({ ...base, view: "scores-categorical", metrics: [{ measure: "value", aggregation: "avg" }] }), "query.metrics[0].measure");
      await expect400(t, v1, q({ ...base, metrics: [{ measure: "name", aggregation: "sum" }] }), "query.metrics[0].aggregation");
      await expect400(t, v2, q({ ...base, view: "observations", metrics: [{ measure: "providedModelName", aggregation: "p95" }] }), "query.metrics[0].aggregation");
      const filter = { column: "colour", type: "string", operator: "=", value: "red" };
      await expect400(t, v1, q({ ...base, filters: [{ column: "name", type: "string", operator: "=", value: "x" }, filter] }), "query.filters[1].column");
      await expect400(t, v1, q({ ...base, filters: [{ ...filter, type: "colourful" }] }), "query.filters[0].type");
      await expect400(t, v1, q({ ...base, filters: [{ column: "level", type: "string", operator: "=", value: "fatal" }] }), "query.filters[0].value");
    });

    it("refuses an order by a field the answer has not, and more time buckets than a chart takes", async () => {
      await expect400(t, v1, q({ ...base, orderBy: [{ field: "sum_totalCost", direction: "desc" }] }), "query.orderBy[0].field");
      const tenDays = { ...base, toTimestamp: new Date(f.day0.getTime() + 10 * DAY).toISOString(), timeDimension: { granularity: "minute" } };
      await expect400(t, v2, q({ ...tenDays, view: "observations" }), "query.timeDimension.granularity");
    });

    it("requires fromTimestamp and toTimestamp, from before to", async () => {
      const { fromTimestamp: _f, ...noFrom } = base;
      const { toTimestamp: _t, ...noTo } = base;
      await expect400(t, v1, q(noFrom), "query.fromTimestamp");
      await expect400(t, v1, q(noTo), "query.toTimestamp");
      const error = await expect400(t, v1, q({ ...base, fromTimestamp: base.toTimestamp }), "query.fromTimestamp");
      expect(error.message).toContain("fromTimestamp must be before toTimestamp");
      await expect400(t, v1, q({ ...base, toTimestamp: "tomorrow" }), "query.toTimestamp");
    });

    it("v2 has no traces view", async () => {
      await expect400(t, v2, q(base), "query.view");
    });

    it("answers 401 without a key, on every endpoint", async () => {
      for (const path of [v1, v2, "/api/public/metrics/daily"]) {
        const res = await fetch(`${t.baseUrl}${path}?${new URLSearchParams(q(base))}`);
        expect(res.status).toBe(401);
        expect((await res.json()).error.code).toBe("unauthorized");
      }
    });
  });
});
