// The object kinds (one union, one decoder of the stored column) and the one
// observation view mapper: cleaned usage/cost maps, ISO dates, depth caps, and
// the list/detail distinction hasPayloads reads.
import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/ingest/limits";
import { isObjectType, OBJECT_LABELS, OBJECT_TYPES, objectTypeOf } from "@/lib/objects/kinds";
import { observationView, type ObservationRow } from "@/lib/objects/observation-map";
import { hasPayloads } from "@/lib/objects/observation-view";

describe("object kinds", () => {
  it("decodes stored kinds and refuses anything else", () => {
    for (const k of OBJECT_TYPES) {
      expect(objectTypeOf(k)).toBe(k);
      expect(OBJECT_LABELS[k]).toBe(k.toLowerCase());
    }
    for (const bad of ["trace", "", "DATASET", " TRACE", "TRACE "]) {
      expect(isObjectType(bad)).toBe(false);
      expect(() => objectTypeOf(bad)).toThrow(/Unknown object type/);
    }
    expect(isObjectType(undefined)).toBe(false);
    expect(isObjectType(1)).toBe(false);
  });
});

function row(extra: Partial<ObservationRow> = {}): ObservationRow {
  return {
    id: "o1",
    traceId: "t1",
    parentObservationId: null,
    type: "GENERATION",
    name: "gen",
    startTime: new Date("2026-03-01T00:00:00.000Z"),
    endTime: new Date("2026-03-01T00:00:01.250Z"),
    completionStartTime: null,
    level: "DEFAULT",
    statusMessage: null,
    model: "gpt-4o-mini",
    modelParameters: { temperature: 0 },
    inputTokens: 10,
    outputTokens: 5,
    totalTokens: 15,
    usageDetails: { input: 10, output: 5 },
    inputCost: 0.1,
    outputCost: 0.2,
    totalCost: 0.3,
    costDetails: { input: 0.1, output: 0.2 },
    ...extra,
  };
}

function nested(depth: number): ObservationRow["modelParameters"] {
  let v: ObservationRow["modelParameters"] = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function depthOf(v: unknown): number {
  if (typeof v !== "object" || v === null) return 0;
  return 1 + Math.max(0, ...Object.values(v).map(depthOf));
}

describe("observation view mapper", () => {
  it("maps a row to plain data with ISO dates and latency", () => {
    const v = observationView(row());
    expect(v).toMatchObject({
      id: "o1",
      traceId: "t1",
      startTime: "2026-03-01T00:00:00.000Z",
      endTime: "2026-03-01T00:00:01.250Z",
      completionStartTime: null,
      latencyMs: 1250,
      usageDetails: { input: 10, output: 5 },
      costDetails: { input: 0.1, output: 0.2 },
    });
    expect(observationView(row({ endTime: null })).latencyMs).toBeNull();
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });

  it.each([
    ["a string", "10 tokens", null],
    ["an array", [1, 2], null],
    ["a number", 7, null],
    ["null", null, null],
    ["mixed values", { input: 3, note: "x", nested: { a: 1 }, flag: true, none: null, neg: -1 }, { input: 3, neg: -1 }],
    ["an empty map", {}, {}],
  ])("keeps only finite numbers of a usage/cost map that is %s", (_, stored, shown) => {
    const v = observationView(row({ usageDetails: stored, costDetails: stored }));
    expect(v.usageDetails).toEqual(shown);
    expect(v.costDetails).toEqual(shown);
  });

  it("tells the list view (no payloads) from the detail view (payloads, null when none)", () => {
    const listed = observationView(row());
    expect("input" in listed).toBe(false);
    expect(hasPayloads(listed)).toBe(false);
    const detail = observationView(row(), { input: null, output: undefined, metadata: { k: 1 } });
    expect(detail).toMatchObject({ input: null, output: null, metadata: { k: 1 } });
    expect(hasPayloads(detail)).toBe(true);
  });

  it("cuts payloads and model parameters stored deeper than the ingestion limit", () => {
    const deep = nested(LIMITS.jsonDepth + 10);
    const v = observationView(row({ modelParameters: deep }), { input: deep, output: deep, metadata: deep });
    for (const x of [v.modelParameters, v.input, v.output, v.metadata]) expect(depthOf(x)).toBeLessThanOrEqual(LIMITS.jsonDepth);
    const shallow = { a: [1, { b: 2 }] };
    expect(observationView(row({ modelParameters: shallow }), { input: shallow, output: null, metadata: null }).input).toEqual(shallow);
  });
});
