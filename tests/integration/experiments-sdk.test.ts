// Both Langfuse SDKs' experiment flows against the running server, unchanged:
// the legacy `langfuse` 3.x (item.link, getDatasetRun, getDatasetRuns) and
// @langfuse/client 5.x dataset.runExperiment with @langfuse/otel's span
// processor. The run, every item's trace with its output, the item scores and
// the run-level score are read back through the API.
import { LangfuseClient } from "@langfuse/client";
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { setLangfuseTracerProvider, startActiveObservation } from "@langfuse/tracing";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { Langfuse } from "langfuse";
import { describe, expect, it } from "vitest";
import { loadRunItemResults } from "@/lib/experiments/results";
import { api, dbFor, targets, uid, type TestTarget } from "../support/targets";

const enc = encodeURIComponent;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function get(t: TestTarget, path: string) {
  const res = await api(t, path);
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

/** Reads until `done` holds (spans and scores are exported asynchronously), at most ~5 s. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  let v = await read();
  for (let i = 0; i < 25 && !done(v); i++) {
    await sleep(200);
    v = await read();
  }
  return v;
}

const SUMS = [
  { a: 1, b: 2 },
  { a: 2, b: 2 },
  { a: 5, b: 5 },
];

describe.each(targets())("the Langfuse SDKs' experiment flows on $name", (t) => {
  it("legacy langfuse 3.x: item.link(trace, runName, { description, metadata }), getDatasetRun, getDatasetRuns", async () => {
    const langfuse = new Langfuse({ publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl, flushAt: 100 });
    const name = uid("legacy runs/eval set");
    await langfuse.createDataset({ name });
    for (const s of SUMS) await langfuse.createDatasetItem({ datasetName: name, input: s, expectedOutput: String(s.a + s.b) });
    const dataset = await langfuse.getDataset(name);
    expect(dataset.items).toHaveLength(3);

    const runName = uid("legacy run 1");
    const traceIds: string[] = [];
    const answers: string[] = [];
    for (const [i, item] of dataset.items.entries()) {
      const input = item.input as { a: number; b: number };
      // The last item is answered wrong, so the item scores differ.
      const answer = String(input.a + input.b + (i === 2 ? 1 : 0));
      const trace = langfuse.trace({ name: "sum-task", input });
      // The first item links its generation (observation and trace), the others their trace.
      const generation = trace.generation({ name: "add", model: "adder-1", input, output: answer });
      generation.end();
      trace.update({ output: answer });
      await item.link(i === 0 ? generation : trace, runName, { description: "legacy SDK run", metadata: { model: "adder-1" } });
      langfuse.score({ traceId: trace.id, name: "exact", value: answer === item.expectedOutput ? 1 : 0 });
      traceIds.push(trace.id);
      answers.push(answer);
    }
    await langfuse.flushAsync();

    const run = await langfuse.getDatasetRun({ datasetName: name, runName });
    expect(run).toMatchObject({ name: runName, description: "legacy SDK run", metadata: { model: "adder-1" }, datasetId: dataset.id, datasetName: name });
    expect(run.datasetRunItems.map((i) => i.traceId)).toEqual(traceIds);
    expect(run.datasetRunItems.map((i) => i.datasetItemId)).toEqual(dataset.items.map((i) => i.id));
    expect(run.datasetRunItems[0].observationId).not.toBeNull();
    expect(run.datasetRunItems[1].observationId).toBeNull();

    const runs = await langfuse.getDatasetRuns(name, { page: 1, limit: 10 });
    expect(runs.meta).toMatchObject({ page: 1, limit: 10, totalItems: 1 });
    expect(runs.data.map((r) => r.name)).toEqual([runName]);

    // Every trace with its output, and its item score.
    for (const [i, traceId] of traceIds.entries()) {
      const tr = await get(t, `/api/public/traces/${enc(traceId)}`);
      expect(tr.output).toBe(answers[i]);
      expect(tr.scores.map((s: { name: string; value: number }) => [s.name, s.value])).toEqual([["exact", i === 2 ? 0 : 1]]);
    }
    await langfuse.shutdownAsync();
  });

  it("@langfuse/client 5.x: dataset.runExperiment with evaluators and runEvaluators, traces over @langfuse/otel", async () => {
    const processor = new LangfuseSpanProcessor({ publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl, exportMode: "immediate" });
    // NodeTracerProvider.register() installs the async context manager the runner's active spans need.
    const provider = new NodeTracerProvider({ spanProcessors: [processor] });
    provider.register();
    setLangfuseTracerProvider(provider);
    const langfuse = new LangfuseClient({ publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl });
    try {
      const name = uid("v5 runs/eval set");
      const created = await langfuse.api.datasets.create({ name });
      for (const s of SUMS) await langfuse.dataset.createItem({ datasetName: name, input: s, expectedOutput: String(s.a + s.b), metadata: { a: s.a } });
      const dataset = await langfuse.dataset.get(name);
      const runName = uid("v5 run 1");

      const result = await dataset.runExperiment({
        name: "sums",
        runName,
        description: "v5 SDK run",
        metadata: { model: "adder-2" },
        task: async (item) => {
          const { a, b } = item.input as { a: number; b: number };
          return startActiveObservation("add", async (span) => {
            const answer = String(a + b + (a === 5 ? 1 : 0));
            span.update({ input: { a, b }, output: answer });
            return answer;
          }, { asType: "generation" });
        },
        evaluators: [async ({ output, expectedOutput }) => ({ name: "exact", value: output === expectedOutput ? 1 : 0, comment: `got ${String(output)}` })],
        runEvaluators: [
          async ({ itemResults }) => ({
            name: "accuracy",
            value: itemResults.filter((r) => r.evaluations.some((e) => e.name === "exact" && e.value === 1)).length / itemResults.length,
          }),
        ],
      });
      await processor.forceFlush();

      expect(result.runName).toBe(runName);
      expect(result.itemResults).toHaveLength(3);
      const runId = result.datasetRunId;
      expect(runId).toBeTruthy();
      // The run's page as the SDK prints it: Langfuse's /project/<id>/… shape, which Loupe redirects to its own page.
      expect(result.datasetRunUrl).toBe(`${t.baseUrl}/project/${t.projectId}/datasets/${created.id}/runs/${runId}`);
      const page = await fetch(result.datasetRunUrl!, { redirect: "manual" });
      expect(page.headers.get("location")).toMatch(new RegExp(`/${t.projectId}/datasets/${created.id}/runs/${runId}$`));

      // The run with every item, through the v5 client's own API and the v1 route.
      const run = await langfuse.api.datasets.getRun(name, runName);
      expect(run).toMatchObject({ id: runId, name: runName, description: "v5 SDK run", metadata: { model: "adder-2" }, datasetId: created.id });
      expect(run.datasetRunItems.map((i) => i.traceId).sort()).toEqual(result.itemResults.map((r) => r.traceId).sort());
      expect(run.datasetRunItems.map((i) => i.datasetItemId).sort()).toEqual(dataset.items.map((i) => i.id).sort());
      expect((await langfuse.api.datasets.getRuns(name)).data.map((r) => r.name)).toEqual([runName]);
      const listed = await langfuse.api.datasetRunItems.list({ datasetId: created.id, runName });
      expect(listed.meta.totalItems).toBe(3);

      // Every item's trace, with its output, marked as an experiment trace, and its item score.
      for (const r of result.itemResults) {
        const input = r.item.input as { a: number; b: number };
        const answer = String(input.a + input.b + (input.a === 5 ? 1 : 0));
        const tr = await eventually(
          () => api(t, `/api/public/traces/${enc(r.traceId!)}`).then(async (res) => (res.status === 200 ? res.json() : null)),
          (v) => v !== null && v.scores?.length > 0 && v.observations?.length >= 2,
        );
        expect(tr).toMatchObject({ output: answer, environment: "sdk-experiment" });
        expect(tr.metadata.experiment).toMatchObject({ name: runName, datasetId: created.id, itemId: (r.item as { id: string }).id, description: "v5 SDK run" });
        expect(tr.scores.map((s: { name: string; value: number }) => [s.name, s.value])).toEqual([["exact", input.a === 5 ? 0 : 1]]);
      }

      // What the run page and the compare view read for each run item: the SDK's output and item score.
      const results = await loadRunItemResults(dbFor(t), t.projectId, [runId!], result.itemResults.map((x) => (x.item as { id: string }).id));
      expect(results).toHaveLength(3);
      for (const r of results) {
        const expected = result.itemResults.find((x) => x.traceId === r.traceId)!;
        expect(r).toMatchObject({ traceArrived: true, output: expected.output });
        expect(r.scores.map((s) => [s.name, s.value])).toEqual([["exact", expected.output === expected.item.expectedOutput ? 1 : 0]]);
      }

      // The run-level score, on the run.
      const runScores = await eventually(
        () => get(t, `/api/public/v2/scores?datasetRunId=${enc(runId!)}`),
        (v) => v.data.length > 0,
      );
      expect(runScores.data.map((s: { name: string; value: number; traceId: string | null }) => [s.name, s.value, s.traceId])).toEqual([["accuracy", 2 / 3, null]]);
    } finally {
      await langfuse.flush();
      await provider.shutdown();
      setLangfuseTracerProvider(null);
    }
  });
});
