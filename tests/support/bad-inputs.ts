// The bad-input catalogue (issue 12): inputs that once broke a database, a
// list or a page, per ingestion endpoint and class. Each case is refused in
// its own slot naming `field`, or accepted (`accept`) and then reads back as
// `expect` says. tests/integration/bad-input-catalogue.test.ts sends them.

export type Endpoint = "ingestion" | "otlp-json" | "otlp-proto" | "traces" | "scores";
export type CaseClass =
  | "timestamp"
  | "nul-surrogate"
  | "oversized"
  | "int-overflow"
  | "bad-number"
  | "deep-nesting"
  | "environment"
  | "wrong-type"
  | "end-before-start"
  | "mixed-batch"
  | "correction";

/** Ingestion: the bad event sent beside a good trace-create. Ids are filled in unless the body sets them. */
export interface IngestionInput {
  type: "trace-create" | "generation-create" | "span-create" | "score-create";
  body: Record<string, unknown>;
  envelope?: Record<string, unknown>;
}

/** OTLP: the bad span (and its resource) sent beside a good span in its own resource. */
export interface OtlpInput {
  span?: Record<string, unknown>;
  /** replaces the bad scope's `spans` list as sent */
  spans?: unknown;
  attributes?: Record<string, unknown>;
  resource?: Record<string, unknown>;
}

/** Native: overrides on a trace with one observation. */
export interface NativeInput {
  trace?: Record<string, unknown>;
  observation?: Record<string, unknown>;
}

/** Scores: overrides on a numeric score of an existing trace. */
export type ScoreInput = Record<string, unknown>;

interface Base {
  cls: CaseClass;
  name: string;
  /** Refused: the refusal must name this field (a substring of the path or message). */
  field?: string;
  /** Accepted: the stored object (trace, observation or score) must match this. */
  expect?: Record<string, unknown>;
  /** Accepted (native API): its observation must match this. */
  expectObservation?: Record<string, unknown>;
  /** The request as a whole is refused (e.g. a malformed envelope): nothing of it is stored. */
  whole?: boolean;
}

export type BadInputCase =
  | (Base & { endpoint: "ingestion"; input: IngestionInput })
  | (Base & { endpoint: "otlp-json" | "otlp-proto"; input: OtlpInput })
  | (Base & { endpoint: "traces"; input: NativeInput })
  | (Base & { endpoint: "scores"; input: ScoreInput });

const YEAR = 365.25 * 24 * 3600 * 1000;
const future = new Date(Date.now() + 10 * YEAR).toISOString();
const nanos = (iso: string) => `${BigInt(Date.parse(iso)) * 1_000_000n}`;
const T0 = "2026-03-01T10:00:00.000Z";
const T1 = "2026-03-01T10:00:01.000Z";
const long = (n: number) => "x".repeat(n);
const INT_OVER = 2 ** 31;

/** Beyond this, a nested value is a marker the sender expands in the JSON text (JSON.stringify would overflow). */
const MAX_REAL_NESTING = 1000;
export const DEEP_MARKER = "__catalogue_nested__";

/** A JSON value nested `levels` deep: {"a":{"a":...{"a":"leaf"}}}. */
export function nested(levels: number): unknown {
  if (levels > MAX_REAL_NESTING) return { [DEEP_MARKER]: levels };
  let v: unknown = "leaf";
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

/** JSON text of a request body, with nested() markers expanded to their full depth. */
export function toRequestJson(body: unknown): string {
  const text = JSON.stringify(body, (_key, value: unknown) =>
    typeof value === "object" && value !== null && DEEP_MARKER in value ? `\u0001${(value as Record<string, number>)[DEEP_MARKER]}\u0001` : value,
  );
  return text.replace(/"\\u0001(\d+)\\u0001"/g, (_m, levels: string) => nestedText(Number(levels)));
}

/** The same as a JSON string, built without JSON.stringify (which overflows near 4,000 levels). */
export function nestedText(levels: number): string {
  return `${'{"a":'.repeat(levels)}"leaf"${"}".repeat(levels)}`;
}

const NUL = "a\u0000b";
const LONE = "a\ud800b";
const LONE_LOW = "x\udc00y";
const CLEAN_NUL = "ab";
const CLEAN_LONE = "a\ufffdb";
const CLEAN_LOW = "x\ufffdy";

// ─── Langfuse batch ────────────────────────────────────────────────────────

const ing = (cls: CaseClass, name: string, input: IngestionInput, field?: string, expect?: Record<string, unknown>): BadInputCase => ({
  endpoint: "ingestion",
  cls,
  name,
  input,
  field,
  expect,
});
const trace = (body: Record<string, unknown>) => ({ type: "trace-create" as const, body });
const gen = (body: Record<string, unknown>) => ({ type: "generation-create" as const, body: { name: "g", startTime: T0, ...body } });
const span = (body: Record<string, unknown>) => ({ type: "span-create" as const, body: { name: "s", startTime: T0, ...body } });
const score = (body: Record<string, unknown>) => ({ type: "score-create" as const, body: { name: "quality", value: 1, ...body } });

const ingestion: BadInputCase[] = [
  // timestamps
  ing("timestamp", "trace timestamp before 1970", trace({ timestamp: "1969-12-31T23:59:59Z" }), "body.timestamp"),
  ing("timestamp", "trace timestamp year 0000", trace({ timestamp: "0000-01-01T00:00:00Z" }), "body.timestamp"),
  ing("timestamp", "trace timestamp 10 years ahead", trace({ timestamp: future }), "body.timestamp"),
  ing("timestamp", "trace timestamp NaN", trace({ timestamp: "NaN" }), "body.timestamp"),
  ing("timestamp", "trace timestamp month 13", trace({ timestamp: "2024-13-45T00:00:00Z" }), "body.timestamp"),
  ing("timestamp", "generation startTime year 0000", gen({ startTime: "0000-01-01T00:00:00Z" }), "body.startTime"),
  ing("timestamp", "generation startTime year 9999", gen({ startTime: "9999-12-31T23:59:59Z" }), "body.startTime"),
  ing("timestamp", "generation endTime 10 years ahead", gen({ endTime: future }), "body.endTime"),
  ing("timestamp", "generation completionStartTime before 1970", gen({ completionStartTime: "1960-01-01T00:00:00Z" }), "body.completionStartTime"),
  ing("timestamp", "envelope timestamp year 0000", { ...gen({ startTime: undefined }), envelope: { timestamp: "0000-01-01T00:00:00Z" } }, "timestamp"),
  ing("timestamp", "score on far-future envelope", { ...score({}), envelope: { timestamp: future } }, "timestamp"),
  // NUL bytes and lone surrogates: stored without them
  ing("nul-surrogate", "NUL in trace name", trace({ name: NUL }), undefined, { name: CLEAN_NUL }),
  ing("nul-surrogate", "NUL in userId and sessionId", trace({ userId: NUL, sessionId: `s${NUL}` }), undefined, { userId: CLEAN_NUL, sessionId: `s${CLEAN_NUL}` }),
  ing("nul-surrogate", "NUL in a tag", trace({ tags: [NUL, "ok"] }), undefined, { tags: [CLEAN_NUL, "ok"] }),
  ing("nul-surrogate", "NUL in input string", trace({ input: NUL }), undefined, { input: CLEAN_NUL }),
  ing("nul-surrogate", "NUL in a payload key and value", trace({ input: { [`k${NUL}`]: [NUL, { deep: NUL }] } }), undefined, { input: { [`k${CLEAN_NUL}`]: [CLEAN_NUL, { deep: CLEAN_NUL }] } }),
  ing("nul-surrogate", "lone high surrogate in metadata", trace({ metadata: { note: LONE } }), undefined, { metadata: { note: CLEAN_LONE } }),
  ing("nul-surrogate", "lone low surrogate in output", trace({ output: LONE_LOW }), undefined, { output: CLEAN_LOW }),
  ing("nul-surrogate", "NUL in generation name and model", gen({ name: NUL, model: `gpt${NUL}` }), undefined, { name: CLEAN_NUL, model: `gpt${CLEAN_NUL}` }),
  ing("nul-surrogate", "NUL in statusMessage", gen({ statusMessage: NUL, level: "ERROR" }), undefined, { statusMessage: CLEAN_NUL }),
  ing("nul-surrogate", "lone surrogate in generation input", gen({ input: [{ role: "user", content: LONE }] }), undefined, { input: [{ role: "user", content: CLEAN_LONE }] }),
  ing("nul-surrogate", "NUL in modelParameters", gen({ modelParameters: { stop: [NUL] } }), undefined, { modelParameters: { stop: [CLEAN_NUL] } }),
  ing("nul-surrogate", "NUL in score comment", score({ comment: NUL }), undefined, { comment: CLEAN_NUL }),
  // oversized ids and indexed strings
  ing("oversized", "trace id of 801 chars", trace({ id: long(801) }), "body.id"),
  ing("oversized", "trace userId of 1001 chars", trace({ userId: long(1001) }), "body.userId"),
  ing("oversized", "trace sessionId of 9000 chars", trace({ sessionId: long(9000) }), "body.sessionId"),
  ing("oversized", "trace name of 1001 chars", trace({ name: long(1001) }), "body.name"),
  ing("oversized", "trace release of 1001 chars", trace({ release: long(1001) }), "body.release"),
  ing("oversized", "trace version of 1001 chars", trace({ version: long(1001) }), "body.version"),
  ing("oversized", "a tag of 1001 chars", trace({ tags: [long(1001)] }), "body.tags[0]"),
  ing("oversized", "101 tags", trace({ tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }), "body.tags"),
  ing("oversized", "observation id of 801 chars", gen({ id: long(801) }), "body.id"),
  ing("oversized", "parentObservationId of 801 chars", gen({ parentObservationId: long(801) }), "body.parentObservationId"),
  ing("oversized", "model of 1001 chars", gen({ model: long(1001) }), "body.model"),
  ing("oversized", "event id of 801 chars", { ...trace({}), envelope: { id: long(801) } }, "batch[1].id"),
  ing("oversized", "score name of 1001 chars", score({ name: long(1001) }), "body.name"),
  // integer overflow
  ing("int-overflow", "usage.input 2^31", gen({ usage: { input: INT_OVER } }), "body.usage.input"),
  ing("int-overflow", "usage.output 1e20", gen({ usage: { output: 1e20 } }), "body.usage.output"),
  ing("int-overflow", "usageDetails value 2^31", gen({ usageDetails: { cache_read: INT_OVER } }), "body.usageDetails.cache_read"),
  ing("int-overflow", "promptVersion 2^31", gen({ promptName: "p", promptVersion: INT_OVER }), "body.promptVersion"),
  ing("int-overflow", "input and output that add up past 2^31-1", gen({ usage: { input: 2_147_483_647, output: 1 } }), "usage.total"),
  ing("int-overflow", "usage at the 32-bit maximum is kept", gen({ usage: { input: 2_147_483_647 } }), undefined, { usageDetails: { input: 2_147_483_647 } }),
  // negative, fractional, huge numbers
  ing("bad-number", "usage.input -500", gen({ usage: { input: -500 } }), "body.usage.input"),
  ing("bad-number", "usage.totalCost -100", gen({ usage: { totalCost: -100 } }), "body.usage.totalCost"),
  ing("bad-number", "costDetails -1", gen({ costDetails: { input: -1 } }), "body.costDetails.input"),
  ing("bad-number", "costDetails 1e300", gen({ costDetails: { input: 1e300 } }), "body.costDetails.input"),
  ing("bad-number", "usage.input 1.5", gen({ usage: { input: 1.5 } }), "body.usage.input"),
  ing("bad-number", "usageDetails -42", gen({ usageDetails: { input: -42 } }), "body.usageDetails.input"),
  // deep nesting
  ing("deep-nesting", "trace input 101 levels", trace({ input: nested(101) }), "body.input"),
  ing("deep-nesting", "trace metadata 200 levels", trace({ metadata: nested(200) }), "body.metadata"),
  ing("deep-nesting", "generation output 10,000 levels", gen({ output: nested(10_000) }), "body.output"),
  ing("deep-nesting", "modelParameters 150 levels", gen({ modelParameters: { p: nested(150) } }), "body.modelParameters"),
  ing("deep-nesting", "score metadata 10,000 levels", score({ metadata: nested(10_000) }), "body.metadata"),
  ing("deep-nesting", "input of exactly 100 levels is kept", trace({ input: nested(100) }), undefined, { input: nested(100) }),
  // environment
  ing("environment", "environment with upper case", trace({ environment: "Production" }), "body.environment"),
  ing("environment", "environment starting with langfuse", trace({ environment: "langfuse-prod" }), "body.environment"),
  ing("environment", "environment with a space", gen({ environment: "my env" }), "body.environment"),
  ing("environment", "environment of 41 chars", gen({ environment: "e".repeat(41) }), "body.environment"),
  ing("environment", "empty environment", score({ environment: "" }), "body.environment"),
  ing("environment", "valid environment is kept", trace({ environment: "staging-eu_1" }), undefined, { environment: "staging-eu_1" }),
  ing("environment", "absent environment is default", trace({}), undefined, { environment: "default" }),
  // wrong types
  ing("wrong-type", "name is a number", trace({ name: 123 }), "body.name"),
  ing("wrong-type", "tags is a string", trace({ tags: "a,b" }), "body.tags"),
  ing("wrong-type", "userId is an object", trace({ userId: { id: 1 } }), "body.userId"),
  ing("wrong-type", "usage is a string", gen({ usage: "10" }), "body.usage"),
  ing("wrong-type", "level is unknown", gen({ level: "LOUD" }), "body.level"),
  ing("wrong-type", "startTime is a number", gen({ startTime: 1_700_000_000_000 }), "body.startTime"),
  ing("wrong-type", "environment is a number", trace({ environment: 5 }), "body.environment"),
  ing("wrong-type", "score value is an object", score({ value: { v: 1 } }), "body.value"),
  // end before start
  ing("end-before-start", "generation ends before it starts", gen({ startTime: T1, endTime: T0 }), "body.endTime"),
  ing("end-before-start", "span ends before it starts", span({ startTime: T1, endTime: T0 }), "body.endTime"),
  ing("end-before-start", "start equal to end is kept", span({ startTime: T0, endTime: T0 }), undefined, { startTime: T0, endTime: T0 }),
  // CORRECTION (Langfuse's corrected output): text on a trace or an observation only
  ing("correction", "CORRECTION with a number value", score({ dataType: "CORRECTION", value: 4 }), "body.value"),
  ing("correction", "CORRECTION on a session", score({ dataType: "CORRECTION", value: "x", traceId: "", sessionId: "s-corr" }), "body.sessionId"),
  ing("correction", "CORRECTION is kept as text, named output", score({ dataType: "CORRECTION", value: "fixed\ntext", name: "x" }), undefined, {
    name: "output",
    dataType: "CORRECTION",
    stringValue: "fixed\ntext",
    value: null,
  }),
];

// ─── OTLP (JSON and protobuf) ──────────────────────────────────────────────

const otlpCases: Array<Base & { input: OtlpInput; jsonOnly?: boolean; protoExpect?: Record<string, unknown> }> = [
  { cls: "timestamp", name: "start in year 100,000", input: { span: { startTimeUnixNano: "3093527980800000000000" } }, field: "startTimeUnixNano" },
  { cls: "timestamp", name: "start 10 years ahead", input: { span: { startTimeUnixNano: nanos(future) } }, field: "startTimeUnixNano" },
  { cls: "timestamp", name: "start missing (0)", input: { span: { startTimeUnixNano: "0" } }, field: "startTimeUnixNano" },
  { cls: "timestamp", name: "start NaN", input: { span: { startTimeUnixNano: "NaN" } }, field: "startTimeUnixNano", jsonOnly: true },
  { cls: "timestamp", name: "start not a number", input: { span: { startTimeUnixNano: "yesterday" } }, field: "startTimeUnixNano", jsonOnly: true },
  { cls: "timestamp", name: "start before 1970", input: { span: { startTimeUnixNano: "-1000000000000" } }, field: "startTimeUnixNano", jsonOnly: true },
  { cls: "timestamp", name: "end in year 100,000", input: { span: { endTimeUnixNano: "3093527980800000000000" } }, field: "endTimeUnixNano" },
  { cls: "end-before-start", name: "end before start", input: { span: { startTimeUnixNano: nanos(T1), endTimeUnixNano: nanos(T0) } }, field: "endTimeUnixNano" },
  { cls: "nul-surrogate", name: "NUL in span name", input: { span: { name: NUL } }, expect: { name: CLEAN_NUL } },
  // protobuf carries UTF-8: the exporter writes a lone surrogate as 3 invalid bytes, each read as U+FFFD.
  { cls: "nul-surrogate", name: "lone surrogate in span name", input: { span: { name: LONE } }, expect: { name: CLEAN_LONE }, protoExpect: { name: "a\ufffd\ufffd\ufffdb" } },
  { cls: "nul-surrogate", name: "NUL in an attribute key and value", input: { attributes: { [`k${NUL}`]: NUL } }, expect: { metadata: { attributes: { [`k${CLEAN_NUL}`]: CLEAN_NUL } } } },
  { cls: "nul-surrogate", name: "NUL in a JSON input attribute", input: { attributes: { "langfuse.observation.input": JSON.stringify({ q: NUL }) } }, expect: { input: { q: CLEAN_NUL } } },
  { cls: "nul-surrogate", name: "NUL in the model", input: { attributes: { "gen_ai.request.model": `gpt${NUL}` } }, expect: { model: `gpt${CLEAN_NUL}` } },
  { cls: "oversized", name: "span name of 1001 chars", input: { span: { name: long(1001) } }, field: "name" },
  { cls: "oversized", name: "user.id of 1001 chars", input: { attributes: { "user.id": long(1001) } }, field: "userId" },
  { cls: "oversized", name: "session.id of 9000 chars", input: { attributes: { "session.id": long(9000) } }, field: "sessionId" },
  { cls: "oversized", name: "model of 1001 chars", input: { attributes: { "gen_ai.request.model": long(1001) } }, field: "model" },
  { cls: "int-overflow", name: "input tokens 2^31", input: { attributes: { "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": INT_OVER } }, field: "usage.input" },
  { cls: "int-overflow", name: "output tokens 1e300", input: { attributes: { "gen_ai.request.model": "gpt-4o", "gen_ai.usage.output_tokens": { doubleValue: 1e300 } } }, field: "usage.output" },
  { cls: "int-overflow", name: "prompt version 2^31", input: { attributes: { "langfuse.observation.prompt.name": "p", "langfuse.observation.prompt.version": INT_OVER } }, field: "promptVersion" },
  { cls: "bad-number", name: "input tokens 1.5", input: { attributes: { "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 1.5 } }, field: "usage.input" },
  { cls: "bad-number", name: "input tokens -42", input: { attributes: { "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": -42 } }, field: "usage.input" },
  { cls: "bad-number", name: "cost -1", input: { attributes: { "gen_ai.request.model": "gpt-4o", "gen_ai.usage.cost": -1 } }, field: "cost.total" },
  { cls: "bad-number", name: "langfuse usage_details negative", input: { attributes: { "langfuse.observation.type": "generation", "langfuse.observation.usage_details": JSON.stringify({ input: -5 }) } }, field: "usage" },
  { cls: "deep-nesting", name: "JSON input 10,000 levels", input: { attributes: { "langfuse.observation.input": nestedText(10_000) } }, field: "input" },
  { cls: "deep-nesting", name: "JSON metadata 150 levels", input: { attributes: { "langfuse.observation.metadata.x": nestedText(150) } }, field: "metadata" },
  // protobufjs itself will not encode an AnyValue this deep: JSON only.
  { cls: "deep-nesting", name: "kvlist attribute 150 levels", input: { attributes: { deep: kvlist(150) } }, field: "nested deeper", jsonOnly: true },
  { cls: "environment", name: "langfuse.environment upper case", input: { attributes: { "langfuse.environment": "Production" } }, field: "environment" },
  { cls: "environment", name: "deployment.environment.name with a space", input: { resource: { "deployment.environment.name": "my env" } }, field: "environment" },
  { cls: "environment", name: "environment starting with langfuse", input: { attributes: { "langfuse.environment": "langfuse" } }, field: "environment" },
  { cls: "environment", name: "valid environment is kept", input: { attributes: { "langfuse.environment": "prod-1" } }, expect: { environment: "prod-1" } },
];

/** An OTLP kvlist AnyValue nested `levels` deep. */
function kvlist(levels: number): unknown {
  let v: unknown = { stringValue: "leaf" };
  for (let i = 0; i < levels; i++) v = { kvlistValue: { values: [{ key: "a", value: v }] } };
  return v;
}

const otlpWholeJson: BadInputCase[] = [
  { endpoint: "otlp-json", cls: "wrong-type", name: "span name is a number", input: { span: { name: 123 } }, field: "name", whole: true },
  { endpoint: "otlp-json", cls: "wrong-type", name: "spans is an object", input: { spans: { a: 1 } }, field: "spans", whole: true },
  { endpoint: "otlp-json", cls: "wrong-type", name: "attribute value of the wrong kind", input: { attributes: { x: { intValue: "abc" } } }, field: "intValue", whole: true },
];

const otlp: BadInputCase[] = [
  ...otlpCases.map(({ jsonOnly: _j, protoExpect: _p, ...c }) => ({ ...c, endpoint: "otlp-json" as const })),
  ...otlpCases
    .filter((c) => !c.jsonOnly)
    .map(({ jsonOnly: _j, protoExpect, ...c }) => ({ ...c, expect: protoExpect ?? c.expect, endpoint: "otlp-proto" as const })),
  ...otlpWholeJson,
];

// ─── Native POST /api/public/traces ────────────────────────────────────────

const nat = (cls: CaseClass, name: string, input: NativeInput, field?: string, expect?: Record<string, unknown>): BadInputCase => ({
  endpoint: "traces",
  cls,
  name,
  input,
  field,
  expect,
});

const traces: BadInputCase[] = [
  nat("timestamp", "trace timestamp year 0000", { trace: { timestamp: "0000-01-01T00:00:00Z" } }, "timestamp"),
  nat("timestamp", "trace timestamp 10 years ahead", { trace: { timestamp: future } }, "timestamp"),
  nat("timestamp", "observation start before 1970", { observation: { startTime: "1900-01-01T00:00:00Z" } }, "observations[0].startTime"),
  nat("timestamp", "observation end 10 years ahead", { observation: { endTime: future } }, "observations[0].endTime"),
  nat("timestamp", "completionStartTime year 0000", { observation: { completionStartTime: "0000-01-01T00:00:00Z" } }, "observations[0].completionStartTime"),
  nat("nul-surrogate", "NUL in trace name", { trace: { name: NUL } }, undefined, { name: CLEAN_NUL }),
  nat("nul-surrogate", "lone surrogate in userId", { trace: { userId: LONE } }, undefined, { userId: CLEAN_LONE }),
  nat("nul-surrogate", "NUL in input keys", { trace: { input: { [NUL]: NUL } } }, undefined, { input: { [CLEAN_NUL]: CLEAN_NUL } }),
  { ...nat("nul-surrogate", "NUL in observation name", { observation: { name: NUL } }), expectObservation: { name: CLEAN_NUL } },
  { ...nat("nul-surrogate", "lone surrogate in observation input", { observation: { input: { m: LONE } } }), expectObservation: { input: { m: CLEAN_LONE } } },
  nat("environment", "valid environment is kept", { trace: { environment: "qa" } }, undefined, { environment: "qa" }),
  nat("oversized", "trace id of 801 chars", { trace: { id: long(801) } }, "id"),
  nat("oversized", "userId of 1001 chars", { trace: { userId: long(1001) } }, "userId"),
  nat("oversized", "sessionId of 9000 chars", { trace: { sessionId: long(9000) } }, "sessionId"),
  nat("oversized", "observation name of 1001 chars", { observation: { name: long(1001) } }, "observations[0].name"),
  nat("int-overflow", "usage.input 2^31", { observation: { type: "generation", usage: { input: INT_OVER } } }, "observations[0].usage.input"),
  nat("int-overflow", "usage details 1e20", { observation: { type: "generation", usage: { details: { cache_read: 1e20 } } } }, "observations[0].usage.details.cache_read"),
  nat("int-overflow", "promptVersion 2^31", { observation: { type: "generation", promptName: "p", promptVersion: INT_OVER } }, "observations[0].promptVersion"),
  nat("bad-number", "usage.input -1", { observation: { type: "generation", usage: { input: -1 } } }, "observations[0].usage.input"),
  nat("bad-number", "usage.output 2.5", { observation: { type: "generation", usage: { output: 2.5 } } }, "observations[0].usage.output"),
  nat("bad-number", "cost -100", { observation: { type: "generation", cost: -100 } }, "observations[0].cost"),
  nat("bad-number", "cost 1e300", { observation: { type: "generation", cost: { total: 1e300 } } }, "observations[0].cost.total"),
  nat("deep-nesting", "trace input 101 levels", { trace: { input: nested(101) } }, "input"),
  nat("deep-nesting", "observation output 10,000 levels", { observation: { output: nested(10_000) } }, "observations[0].output"),
  nat("deep-nesting", "trace metadata 500 levels", { trace: { metadata: nested(500) } }, "metadata"),
  nat("environment", "trace environment upper case", { trace: { environment: "Prod" } }, "environment"),
  nat("environment", "observation environment langfuse*", { observation: { environment: "langfuse_x" } }, "observations[0].environment"),
  nat("environment", "environment of 41 chars", { trace: { environment: "e".repeat(41) } }, "environment"),
  nat("wrong-type", "name is a number", { trace: { name: 7 } }, "name"),
  nat("wrong-type", "observations is an object", { trace: { observations: { a: 1 } } }, "observations"),
  nat("wrong-type", "type is unknown", { observation: { type: "banana" } }, "observations[0].type"),
  nat("end-before-start", "observation ends before it starts", { observation: { startTime: T1, endTime: T0 } }, "observations[0].endTime"),
];

// ─── POST /api/public/scores ───────────────────────────────────────────────

const sc = (cls: CaseClass, name: string, input: ScoreInput, field?: string, expect?: Record<string, unknown>): BadInputCase => ({
  endpoint: "scores",
  cls,
  name,
  input,
  field,
  expect,
});

const scores: BadInputCase[] = [
  sc("environment", "environment upper case", { environment: "Production" }, "environment"),
  sc("environment", "environment langfuse*", { environment: "langfuse" }, "environment"),
  sc("environment", "environment of 41 chars", { environment: "e".repeat(41) }, "environment"),
  sc("environment", "environment is kept", { environment: "eval-run_2" }, undefined, { environment: "eval-run_2" }),
  sc("environment", "absent environment is default", {}, undefined, { environment: "default" }),
  sc("oversized", "traceId of 9000 chars", { traceId: long(9000) }, "traceId"),
  sc("oversized", "id of 801 chars", { id: long(801) }, "id"),
  sc("oversized", "name of 201 chars", { name: long(201) }, "name"),
  sc("nul-surrogate", "NUL in comment", { comment: NUL }, undefined, { comment: CLEAN_NUL }),
  sc("nul-surrogate", "lone surrogate in metadata", { metadata: { why: LONE } }, undefined, { metadata: { why: CLEAN_LONE } }),
  sc("deep-nesting", "metadata 10,000 levels", { metadata: nested(10_000) as Record<string, unknown> }, "metadata"),
  sc("wrong-type", "value is an object", { value: { v: 1 } }, "value"),
  sc("wrong-type", "BOOLEAN with value 2", { dataType: "BOOLEAN", value: 2 }, "value"),
  sc("correction", "CORRECTION with a number value", { dataType: "CORRECTION", value: 4 }, "value"),
  sc("correction", "CORRECTION on a session", { dataType: "CORRECTION", value: "x", traceId: undefined, sessionId: "s-corr" }, "sessionId"),
  sc("correction", "CORRECTION is accepted, named output", { dataType: "CORRECTION", value: "fixed" }, undefined, { name: "output", dataType: "CORRECTION", stringValue: "fixed" }),
];

export const BAD_INPUT_CASES: BadInputCase[] = [...ingestion, ...otlp, ...traces, ...scores];
