// OpenTelemetry clients pointed at Loupe's OTLP endpoint: the OTel SDK with the
// protobuf and JSON exporters, and the Langfuse OpenTelemetry SDK.
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { propagateAttributes, setLangfuseTracerProvider, startActiveObservation, startObservation } from "@langfuse/tracing";
import { SpanStatusCode } from "@opentelemetry/api";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { describe, expect, it } from "vitest";
import { api, basicAuth, targets, uid, type TestTarget } from "../support/targets";

function provider(t: TestTarget, exporter: SpanExporter) {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "otel-test", "deployment.environment": "ci" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
}

const otlpUrl = (t: TestTarget) => `${t.baseUrl}/api/public/otel/v1/traces`;

async function trace(t: TestTarget, id: string) {
  const res = await api(t, `/api/public/traces/${id}`);
  expect(res.status).toBe(200);
  return res.json();
}

describe.each(targets())("OTLP on $name", (t) => {
  it.each([
    ["protobuf", (t: TestTarget) => new ProtoExporter({ url: otlpUrl(t), headers: { authorization: basicAuth(t.publicKey, t.secretKey) } })],
    ["JSON", (t: TestTarget) => new JsonExporter({ url: otlpUrl(t), headers: { authorization: basicAuth(t.publicKey, t.secretKey) } })],
  ])("maps GenAI spans sent as %s into a trace with a generation", async (_, make) => {
    const p = provider(t, make(t));
    const tracer = p.getTracer("my-app");
    const sessionId = uid("conv");
    const root = tracer.startSpan("agent-run", { attributes: { "gen_ai.conversation.id": sessionId, "user.id": "otel-user" } });
    const traceId = root.spanContext().traceId;
    const { context, trace: api_ } = await import("@opentelemetry/api");
    const ctx = api_.setSpan(context.active(), root);
    const llm = tracer.startSpan(
      "chat gpt-4o",
      {
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.request.temperature": 0.3,
          "gen_ai.usage.input_tokens": 2000,
          "gen_ai.usage.output_tokens": 100,
          "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "What is OTLP?" }] }]),
          "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "A protocol." }] }]),
        },
      },
      ctx,
    );
    llm.end();
    const tool = tracer.startSpan("fetch", { attributes: { "http.method": "GET" } }, ctx);
    tool.setStatus({ code: SpanStatusCode.ERROR, message: "connection refused" });
    tool.end();
    root.end();
    await p.forceFlush();
    await p.shutdown();

    const stored = await trace(t, traceId);
    expect(stored).toMatchObject({ name: "agent-run", sessionId, userId: "otel-user" });
    const gen = stored.observations.find((o: { name: string }) => o.name === "chat gpt-4o");
    expect(gen).toMatchObject({ type: "GENERATION", model: "gpt-4o", usage: { input: 2000, output: 100, total: 2100 }, modelParameters: { temperature: 0.3 } });
    expect(JSON.stringify(gen.input)).toContain("What is OTLP?");
    expect(gen.parentObservationId).toBe(root.spanContext().spanId);
    // gpt-4o: $2.50 / 1M input, $10 / 1M output
    expect(gen.calculatedTotalCost).toBeCloseTo(0.005 + 0.001, 9);
    const failed = stored.observations.find((o: { name: string }) => o.name === "fetch");
    expect(failed).toMatchObject({ type: "SPAN", level: "ERROR", statusMessage: "connection refused" });
    expect(JSON.stringify(failed.metadata)).toContain("http.method");
  });

  it("works with the Langfuse OpenTelemetry SDK unchanged", async () => {
    const processor = new LangfuseSpanProcessor({ publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl, exportMode: "immediate" });
    // NodeTracerProvider.register() installs the async context manager the active-span helpers need.
    const p = new NodeTracerProvider({ spanProcessors: [processor] });
    p.register();
    setLangfuseTracerProvider(p);
    let traceId = "";
    await propagateAttributes({ traceName: "lf-otel-trace", userId: "u-9", sessionId: "s-9", tags: ["otel"] }, () =>
      startActiveObservation(
        "support-agent",
        async (agent) => {
          traceId = agent.traceId;
          agent.update({ input: { question: "refund?" } });
          const gen = startObservation("llm-call", { model: "claude-3-5-haiku-20241022", input: [{ role: "user", content: "refund?" }] }, { asType: "generation" });
          gen.update({ output: { role: "assistant", content: "Yes." }, usageDetails: { input: 100, output: 20 } }).end();
          agent.update({ output: { answer: "Yes." } });
        },
        { asType: "agent" },
      ),
    );
    await processor.forceFlush();
    await p.shutdown();
    setLangfuseTracerProvider(null);

    const stored = await trace(t, traceId);
    expect(stored).toMatchObject({ name: "lf-otel-trace", userId: "u-9", sessionId: "s-9", tags: ["otel"] });
    const byName = Object.fromEntries(stored.observations.map((o: { name: string }) => [o.name, o]));
    expect(byName["support-agent"]).toMatchObject({ type: "AGENT", input: { question: "refund?" }, output: { answer: "Yes." } });
    expect(byName["llm-call"]).toMatchObject({ type: "GENERATION", model: "claude-3-5-haiku-20241022", usage: { input: 100, output: 20 } });
    expect(byName["llm-call"].calculatedTotalCost).toBeGreaterThan(0);
  });

  it("answers bad bodies with 400 or 415 and stores nothing", async () => {
    const headers = { authorization: basicAuth(t.publicKey, t.secretKey) };
    const bad = await fetch(otlpUrl(t), { method: "POST", headers: { ...headers, "content-type": "application/x-protobuf" }, body: new Uint8Array([0xff, 0xff, 0xff, 0x0f, 0x01]) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/protobuf/i);
    const wrongType = await fetch(otlpUrl(t), { method: "POST", headers: { ...headers, "content-type": "text/plain" }, body: "hi" });
    expect(wrongType.status).toBe(415);
    const badJson = await fetch(otlpUrl(t), { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ resourceSpans: "nope" }) });
    expect(badJson.status).toBe(400);
  });

  it("refuses unusable spans with a partial success and keeps the good ones", async () => {
    const traceId = "0af7651916cd43dd8448eb211c80319c";
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [] },
          scopeSpans: [
            {
              scope: { name: "manual" },
              spans: [
                { traceId, spanId: "b7ad6b7169203331", name: "good", startTimeUnixNano: "1700000000000000000", endTimeUnixNano: "1700000001000000000" },
                { traceId: "zz", spanId: "00f067aa0ba902b7", name: "bad-ids", startTimeUnixNano: "1700000000000000000", endTimeUnixNano: "1700000001000000000" },
              ],
            },
          ],
        },
      ],
    };
    const res = await api(t, "/api/public/otel/v1/traces", { method: "POST", body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    expect((await res.json()).partialSuccess).toMatchObject({ rejectedSpans: 1 });
    const stored = await trace(t, traceId);
    expect(stored.observations.map((o: { name: string }) => o.name)).toEqual(["good"]);
  });
});
