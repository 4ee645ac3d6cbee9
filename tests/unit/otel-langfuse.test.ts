// The real Langfuse OTel SDK (@langfuse/tracing + @langfuse/otel v5) records
// the observations; its span processor hands the spans to an in-memory
// exporter instead of the network, and the OTLP serializers turn them into
// the request Loupe would receive.
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { propagateAttributes, setLangfuseTracerProvider, startObservation } from "@langfuse/tracing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORMATS, byName, ingest, onlyTrace, record } from "./otel-fixtures";

let contextManager: AsyncLocalStorageContextManager;

beforeAll(() => {
  // propagateAttributes carries user/session/tags to child spans through the active context.
  contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
});

afterAll(() => {
  context.disable();
  setLangfuseTracerProvider(null);
});

async function recordWithSdk(build: () => void | Promise<void>): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const processor = new LangfuseSpanProcessor({
    exporter,
    exportMode: "immediate",
    publicKey: "pk-lf-test",
    secretKey: "sk-lf-test",
    baseUrl: "http://loupe.test",
    environment: "staging",
    release: "v1.2.0",
    mediaUploadEnabled: false,
  });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "support-app" }),
    spanProcessors: [processor],
  });
  setLangfuseTracerProvider(provider);
  await build();
  await provider.forceFlush();
  return exporter.getFinishedSpans();
}

const COMPLETION_START = new Date("2026-03-01T10:00:00.300Z");

function supportTurn() {
  return recordWithSdk(() =>
    propagateAttributes(
      { userId: "user-7", sessionId: "sess-3", tags: ["prod", "web"], traceName: "support-chat", metadata: { tenant: "acme" } },
      () => {
        const root = startObservation("handle-message", {
          input: { message: "My invoice is wrong" },
          metadata: { channel: "web", attempt: 2 },
          version: "4.1.0",
        });
        const generation = root.startObservation(
          "draft-reply",
          {
            model: "gpt-4o",
            modelParameters: { temperature: 0.2, max_tokens: 300 },
            input: [
              { role: "system", content: "You are billing support." },
              { role: "user", content: "My invoice is wrong" },
            ],
            usageDetails: { input: 120, output: 40, total: 160, cache_read_input_tokens: 30 },
            costDetails: { input: 0.0003, output: 0.0004, total: 0.0007 },
            completionStartTime: COMPLETION_START,
            prompt: { name: "billing-reply", version: 3, isFallback: false },
          },
          { asType: "generation" },
        );
        generation.update({ output: { role: "assistant", content: "Sorry about that, fixing it now." } });
        generation.end();

        const tool = root.startObservation(
          "lookup-invoice",
          { input: { invoiceId: "INV-9" }, level: "WARNING", statusMessage: "slow upstream" },
          { asType: "tool" },
        );
        tool.update({ output: { total: 99 } });
        tool.end();

        root.update({ output: { reply: "Sorry about that, fixing it now." } });
        root.setTraceIO({ input: { question: "My invoice is wrong" }, output: { answer: "fixed" } });
        root.end();
      },
    ),
  );
}

describe.each(FORMATS)("Langfuse OTel SDK (%s)", (format) => {
  it("maps observation types, the generation's model, parameters, usage, cost and prompt", async () => {
    const { events, rejected } = ingest(await supportTurn(), format);
    expect(rejected).toEqual([]);
    expect(byName(events, "handle-message").type).toBe("SPAN");
    expect(byName(events, "lookup-invoice").type).toBe("TOOL");

    const gen = byName(events, "draft-reply");
    expect(gen.type).toBe("GENERATION");
    expect(gen.model).toBe("gpt-4o");
    expect(gen.modelParameters).toEqual({ temperature: 0.2, max_tokens: 300 });
    expect(gen.usage).toMatchObject({ input: 150, output: 40, total: 160 });
    expect(gen.usage?.details).toMatchObject({ input: 120, output: 40, cache_read_input_tokens: 30 });
    expect(gen.cost).toMatchObject({ input: 0.0003, output: 0.0004, total: 0.0007 });
    expect(gen.completionStartTime).toEqual(COMPLETION_START);
    expect(gen.promptName).toBe("billing-reply");
    expect(gen.promptVersion).toBe(3);
    expect(gen.input).toEqual([
      { role: "system", content: "You are billing support." },
      { role: "user", content: "My invoice is wrong" },
    ]);
    expect(gen.output).toEqual({ role: "assistant", content: "Sorry about that, fixing it now." });
    expect(gen.environment).toBe("staging");
  });

  it("keeps the level and status message a client sets, and the observation metadata", async () => {
    const { events } = ingest(await supportTurn(), format);
    const tool = byName(events, "lookup-invoice");
    expect(tool.level).toBe("WARNING");
    expect(tool.statusMessage).toBe("slow upstream");
    expect(tool.input).toEqual({ invoiceId: "INV-9" });

    const root = byName(events, "handle-message");
    // The SDK sends each metadata value as text (2 → "2"); only objects and arrays are parsed back,
    // since "2" may as well have been a string.
    expect(root.metadata).toMatchObject({ channel: "web", attempt: "2" });
    expect(root.version).toBe("4.1.0");
    // SDK bookkeeping does not leak into metadata.attributes.
    expect(Object.keys(root.metadata?.attributes ?? {}).filter((k) => k.startsWith("langfuse.observation"))).toEqual([]);
  });

  it("builds the trace from propagated attributes and the trace IO the client set", async () => {
    const { events } = ingest(await supportTurn(), format);
    const trace = onlyTrace(events);
    expect(trace).toMatchObject({
      name: "support-chat",
      userId: "user-7",
      sessionId: "sess-3",
      tags: ["prod", "web"],
      environment: "staging",
      release: "v1.2.0",
      // setTraceIO wins over the root span's own input/output.
      input: { question: "My invoice is wrong" },
      output: { answer: "fixed" },
    });
    expect(trace.metadata).toMatchObject({ tenant: "acme" });
    expect(trace.timestamp).toEqual(byName(events, "handle-message").startTime);
  });
});

it("uses the root span's IO for the trace when the client sets none", async () => {
  const spans = await recordWithSdk(() => {
    const root = startObservation("summarise", { input: "long text" }, { asType: "chain" });
    root.update({ output: "short text" });
    root.end();
  });
  const { events } = ingest(spans);
  expect(byName(events, "summarise").type).toBe("CHAIN");
  expect(onlyTrace(events)).toMatchObject({ name: "summarise", input: "long text", output: "short text" });
});

describe("Langfuse attributes from other SDK versions", () => {
  it("reads whole-JSON metadata, compat user/session keys, string tags, public, double-encoded times", () => {
    const spans = record((r) => {
      r.start(r.tracer("langfuse-sdk", "3.2.1"), "python-root", {
        "langfuse.observation.type": "agent",
        "langfuse.observation.metadata": '{"run": {"id": 5}, "region": "eu"}',
        "langfuse.observation.completion_start_time": '"2026-03-01T10:00:00.250000Z"',
        "langfuse.observation.prompt.name": "planner",
        "langfuse.observation.prompt.version": "7",
        "langfuse.user.id": "u-1",
        "langfuse.session.id": "s-1",
        "langfuse.trace.tags": '["a", "b"]',
        "langfuse.trace.public": "true",
        "langfuse.trace.metadata": '{"batch": "nightly"}',
        "langfuse.environment": "production",
        "langfuse.observation.level": "bogus",
      }).end();
    });
    const { events } = ingest(spans, "json");
    const obs = byName(events, "python-root");
    expect(obs.type).toBe("AGENT");
    expect(obs.metadata).toMatchObject({ run: { id: 5 }, region: "eu" });
    expect(obs.completionStartTime).toEqual(new Date("2026-03-01T10:00:00.250Z"));
    expect(obs).toMatchObject({ promptName: "planner", promptVersion: 7, environment: "production" });
    // A level the spec doesn't know is not guessed at; it stays visible.
    expect(obs).not.toHaveProperty("level");
    expect(obs.metadata?.attributes).toMatchObject({ "langfuse.observation.level": "bogus" });
    expect(onlyTrace(events)).toMatchObject({
      userId: "u-1",
      sessionId: "s-1",
      tags: ["a", "b"],
      public: true,
      environment: "production",
      metadata: { batch: "nightly" },
    });
  });
});
