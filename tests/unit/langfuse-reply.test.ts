import { describe, expect, it } from "vitest";
import { parseIngestionBatch, toIngestionReply, writeOrder, type SlotResult } from "@/lib/ingest/langfuse/map";

function results(batch: unknown[]): SlotResult[] {
  const parsed = parseIngestionBatch({ batch });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.results;
}

const at = (second: number) => `2024-05-01T10:00:0${second}.000Z`;
const batch = [
  { id: "e-trace", timestamp: at(0), type: "trace-create", body: { id: "t1" } },
  { id: "e-bad", timestamp: at(0), type: "span-create", body: { id: "o1", traceId: "t1", startTime: "soon" } },
  { id: "e-log", timestamp: at(0), type: "sdk-log", body: { log: "hello" } },
  { id: "e-score", timestamp: at(0), type: "score-create", body: { name: "q", value: 1, traceId: "t1", configId: "missing" } },
  { id: "e-span", timestamp: at(0), type: "span-create", body: { id: "o2", traceId: "t1" } },
];

describe("toIngestionReply", () => {
  it("answers the 207 shape: stored slots succeed, bad ones carry their details", () => {
    const reply = toIngestionReply(results(batch), new Set([0, 4]), new Map([[3, { status: 404, message: "score config not found" }]]));
    expect(reply).toEqual({
      successes: [
        { id: "e-trace", status: 201 },
        { id: "e-log", status: 201 },
        { id: "e-span", status: 201 },
      ],
      errors: [
        {
          id: "e-bad",
          status: 400,
          message: "batch[1].body.startTime: invalid datetime (expected ISO 8601 with a time zone)",
          error: [{ path: "batch[1].body.startTime", issue: "invalid datetime (expected ISO 8601 with a time zone)" }],
        },
        { id: "e-score", status: 404, message: "score config not found" },
      ],
    });
  });

  it("reports a good event the writer did not commit as 500", () => {
    const reply = toIngestionReply(results(batch.slice(0, 1)), new Set());
    expect(reply).toEqual({ successes: [], errors: [{ id: "e-trace", status: 500, message: "event was not stored" }] });
  });
});

describe("writeOrder", () => {
  it("puts creates before updates, each by envelope time, stable on ties", () => {
    const order = writeOrder(
      results([
        { id: "u-late", timestamp: at(3), type: "generation-update", body: { id: "g1" } },
        { id: "c-late", timestamp: at(2), type: "generation-create", body: { id: "g1", traceId: "t1" } },
        { id: "bad", timestamp: at(0), type: "nope", body: {} },
        { id: "u-early", timestamp: at(1), type: "span-update", body: { id: "s1" } },
        { id: "t-a", timestamp: at(1), type: "trace-create", body: { id: "t1" } },
        { id: "t-b", timestamp: at(1), type: "trace-create", body: { id: "t1", output: "x" } },
      ]),
    );
    expect(order.map((slot) => slot.eventId)).toEqual(["t-a", "t-b", "c-late", "u-early", "u-late"]);
  });
});
