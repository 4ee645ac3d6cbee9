// Langfuse's SDKs reading the metrics API of a running Loupe, unchanged:
// @langfuse/client 5.x `api.metrics.metrics` (GET /api/public/v2/metrics) and
// `api.legacy.metricsV1.metrics` (GET /api/public/metrics), and the legacy
// `langfuse` 3.x `api.metricsMetrics` (GET /api/public/metrics), figures
// checked exactly on the known data set (tests/support/metrics-data.ts). No
// SDK of either line has a daily-metrics call any more (3.39 and 5.11 ship
// none): the daily endpoint is tested over HTTP in metrics-api.test.ts.
import { LangfuseClient } from "@langfuse/client";
import { Langfuse } from "langfuse";
import { beforeAll, describe, expect, it } from "vitest";
import { ingestMetricsFixture, metricsCases, metricsFixture } from "../support/metrics-data";
import { targets } from "../support/targets";

describe.each(targets())("the Langfuse SDKs' metrics calls on $name", (t) => {
  const f = metricsFixture();
  const cases = metricsCases(f);
  const client = new LangfuseClient({ publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl });
  const legacy = new Langfuse({ publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl });

  beforeAll(() => ingestMetricsFixture(t, f));

  it("@langfuse/client 5.x api.metrics.metrics (v2) answers every view but traces", async () => {
    for (const c of cases.filter((x) => x.v2)) {
      const res = await client.api.metrics.metrics({ query: JSON.stringify(c.query) });
      expect(res.data, c.title).toEqual(c.rows);
    }
  });

  it("@langfuse/client 5.x api.legacy.metricsV1.metrics (v1) answers every view, traces included", async () => {
    for (const c of cases) {
      const res = await client.api.legacy.metricsV1.metrics({ query: JSON.stringify(c.query) });
      expect(res.data, c.title).toEqual(c.rows);
    }
  });

  it("legacy langfuse 3.x api.metricsMetrics (v1)", async () => {
    for (const c of cases) {
      const res = await legacy.api.metricsMetrics({ query: JSON.stringify(c.query) });
      expect(res.data, c.title).toEqual(c.rows);
    }
    await legacy.shutdownAsync();
  });

  it("a refused query reaches the SDK as a 400 with the field named", async () => {
    const traces = cases[0].query;
    const v2 = client.api.metrics.metrics({ query: JSON.stringify(traces) });
    await expect(v2).rejects.toMatchObject({ statusCode: 400, body: { error: { code: "bad_request", details: [{ path: "query.view" }] } } });
    const badMeasure = { ...traces, metrics: [{ measure: "sparkle", aggregation: "sum" }] };
    const v1 = client.api.legacy.metricsV1.metrics({ query: JSON.stringify(badMeasure) });
    await expect(v1).rejects.toMatchObject({ statusCode: 400, body: { error: { details: [{ path: "query.metrics[0].measure" }] } } });
  });
});
