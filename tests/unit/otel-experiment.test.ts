// The real @langfuse/client experiment runner records an experiment's spans
// (the item root span and the task's own spans under it); the OTLP serializer
// turns them into the request Loupe would receive, and the mapping gathers the
// langfuse.experiment.* attributes into one `experiment` object.
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { LangfuseClient } from "@langfuse/client";
import { configureGlobalLogger, LogLevel } from "@langfuse/core";
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { setLangfuseTracerProvider, startActiveObservation } from "@langfuse/tracing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "@/lib/ingest/events";
import { SpanAttributes } from "@/lib/ingest/otel/span-attributes";
import { linkCandidates } from "@/lib/ingest/otel/experiment-links";
import { experimentFacts } from "@/lib/ingest/otel/map-experiment";
import { FORMATS, byName, ingest, onlyTrace } from "./otel-fixtures";

beforeAll(() => {
  // The runner logs the refused link call (expected here) as an error.
  configureGlobalLogger({ level: LogLevel.NONE });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});

afterAll(() => {
  context.disable();
  setLangfuseTracerProvider(null);
});

// A closed port: the runner's link call (POST /dataset-run-items) fails fast, and the runner goes on, as it does in production.
const NOWHERE = "http://127.0.0.1:9";

async function runExperiment(): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const processor = new LangfuseSpanProcessor({ exporter, exportMode: "immediate", publicKey: "pk", secretKey: "sk", baseUrl: NOWHERE, mediaUploadEnabled: false });
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  setLangfuseTracerProvider(provider);
  const langfuse = new LangfuseClient({ publicKey: "pk", secretKey: "sk", baseUrl: NOWHERE });
  const item = { id: "item-7", datasetId: "ds-1", input: { q: "2+2" }, expectedOutput: "4", metadata: { topic: "sums" } };
  await langfuse.experiment.run({
    name: "sums",
    runName: "sums-run-3",
    description: "gpt-x on sums",
    metadata: { model: "gpt-x" },
    // The runner only reads these fields of a dataset item.
    data: [item as never],
    task: async () => startActiveObservation("answer", async (span) => {
      span.update({ output: "4" });
      return "4";
    }),
  });
  await provider.forceFlush();
  return exporter.getFinishedSpans();
}

describe.each(FORMATS)("experiment spans over OTLP %s", (format) => {
  it("gathers the experiment attributes into the trace's and each span's metadata, environment sdk-experiment", async () => {
    const { events, rejected } = ingest(await runExperiment(), format);
    expect(rejected).toEqual([]);
    const root = byName(events, "experiment-item-run");
    const child = byName(events, "answer");
    const expected = {
      name: "sums-run-3",
      description: "gpt-x on sums",
      datasetId: "ds-1",
      itemId: "item-7",
      expectedOutput: "4",
      rootObservationId: root.id,
      metadata: { model: "gpt-x" },
      itemMetadata: { topic: "sums" },
    };
    expect(root.metadata?.experiment).toMatchObject(expected);
    expect(typeof (root.metadata?.experiment as { id?: unknown }).id).toBe("string");
    // The task's spans carry what the SDK propagates (not the description or expected output).
    expect(child.metadata?.experiment).toMatchObject({ name: "sums-run-3", datasetId: "ds-1", itemId: "item-7", rootObservationId: root.id });
    expect(child.environment).toBe("sdk-experiment");
    expect(root.environment).toBe("sdk-experiment");
    // Nothing left behind in the raw attributes.
    expect(JSON.stringify(root.metadata?.attributes ?? {})).not.toContain("experiment");

    const trace = onlyTrace(events);
    expect(trace.environment).toBe("sdk-experiment");
    expect(trace.metadata?.experiment).toMatchObject(expected);

    // What a link made from the trace would say, should the SDK's link call have failed (as it did here).
    expect(linkCandidates(events)).toEqual([
      { traceId: trace.id, observationId: root.id, datasetId: "ds-1", itemId: "item-7", runName: "sums-run-3", description: "gpt-x on sums", metadata: { model: "gpt-x" } },
    ]);
  });
});

describe("linkCandidates", () => {
  it("needs a dataset, an item and a run name", () => {
    const trace = (experiment: JsonObject) => ({ kind: "trace" as const, id: "t1", metadata: { experiment } });
    expect(linkCandidates([trace({ datasetId: "d", itemId: "i" }), trace({ name: "r", itemId: "i" }), { kind: "trace", id: "t2", metadata: { experiment: "x" } }])).toEqual([]);
    expect(linkCandidates([trace({ datasetId: "d", itemId: "i", name: "r" })])).toEqual([{ traceId: "t1", datasetId: "d", itemId: "i", runName: "r" }]);
  });
});

describe("experimentFacts", () => {
  it("leaves a span without experiment attributes alone", () => {
    const attrs = new SpanAttributes({ "langfuse.observation.type": "span", "langfuse.experimental.flag": "x" });
    expect(experimentFacts(attrs, "a".repeat(16), true)).toBeUndefined();
    expect(attrs.remaining()).toMatchObject({ "langfuse.experimental.flag": "x" });
  });

  it("takes the item root from the attribute, else the trace root; metadata whole or flattened", () => {
    const attrs = new SpanAttributes({
      "langfuse.experiment.name": "run",
      "langfuse.experiment.metadata.model": "m1",
      "langfuse.experiment.metadata.temperature": "0.2",
      "langfuse.experiment.item.metadata": '{"k":1}',
    });
    const facts = experimentFacts(attrs, "b".repeat(16), true);
    expect(facts).toEqual({ experiment: { name: "run", metadata: { model: "m1", temperature: "0.2" }, itemMetadata: { k: 1 } }, describesTrace: true });
    const child = experimentFacts(new SpanAttributes({ "langfuse.experiment.item.root_observation_id": "c".repeat(16) }), "d".repeat(16), true);
    expect(child?.describesTrace).toBe(false);
  });
});
