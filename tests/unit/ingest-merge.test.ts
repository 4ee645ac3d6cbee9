import { describe, expect, it } from "vitest";
import type { IngestEvent, ObservationEvent, TraceEvent } from "@/lib/ingest/events";
import { decodeFieldTimes, encodeFieldTimes } from "@/lib/ingest/field-times";
import { foldEvents } from "@/lib/ingest/fold";
import { mergeObservation, mergeTrace, scoreRow } from "@/lib/ingest/merge";
import type { ObservationRow, TraceRow } from "@/lib/ingest/rows";

const now = new Date("2026-05-01T00:00:00Z");
const noPrice = () => undefined;
const obs = (o: Partial<ObservationEvent>): ObservationEvent => ({ kind: "observation", id: "o1", traceId: "t1", ...o });
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const create = (o: Partial<ObservationEvent>, s: number) => obs({ eventTime: at(s), ...o });
const update = (o: Partial<ObservationEvent>, s: number) => obs({ eventTime: at(s), isUpdate: true, ...o });

/** What the writer does with one request: fold it, then merge into the stored row. */
function write(prev: ObservationRow | undefined, events: ObservationEvent[]): ObservationRow {
  const folded = foldEvents(events, { storedTraceOf: () => prev?.traceId, now }).observations.get("o1")!;
  return mergeObservation(prev, folded.event, now, noPrice, folded.times);
}
function writeTrace(prev: TraceRow | undefined, events: TraceEvent[]): TraceRow {
  const folded = foldEvents(events, { now }).traces.get("t")!;
  return mergeTrace(prev, folded.event, undefined, now, folded.times);
}
const ordersOf = <T>(xs: T[]): T[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => ordersOf([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])));

describe("folding a batch", () => {
  it("merges events of one id, keeping what later events leave out", () => {
    const b = foldEvents([
      obs({ name: "first", model: "gpt-4o", metadata: { a: 1 } }),
      obs({ name: "second", metadata: { b: 2 }, usage: { output: 5 } }),
    ]);
    expect(b.observations.get("o1")!.event).toMatchObject({ name: "second", model: "gpt-4o", metadata: { a: 1, b: 2 }, usage: { output: 5 } });
  });

  it("creates the trace of an observation that arrives first, timed by its earliest child", () => {
    const b = foldEvents([
      obs({ id: "a", startTime: new Date("2026-01-01T00:00:05Z") }),
      obs({ id: "b", startTime: new Date("2026-01-01T00:00:01Z") }),
    ]);
    expect(b.traces.get("t1")!.event).toMatchObject({ kind: "trace", id: "t1" });
    expect(b.inferredStart.get("t1")).toEqual(new Date("2026-01-01T00:00:01Z"));
  });

  it("never moves a stored observation to another trace", () => {
    const b = foldEvents([obs({ id: "o1", traceId: "o1" })], { storedTraceOf: (id) => (id === "o1" ? "real-trace" : undefined) });
    expect(b.observations.get("o1")!.event.traceId).toBe("real-trace");
    expect([...b.traces.keys()]).toEqual(["real-trace"]);
  });
});

describe("the latest statement of each field wins, in any order of arrival", () => {
  // issue 12 item 4: generation-update {endTime: T2, output 77} then, later, generation-create {endTime: T1, output 1}
  const upd = update({ endTime: at(20), usage: { output: 77, total: 77 } }, 2);
  const cre = create({ type: "GENERATION", name: "llm", startTime: at(0), endTime: at(10), usage: { output: 1, input: 3, total: 4 } }, 1);

  it("keeps an update's fields when its (earlier) create arrives in a later request", () => {
    const row = write(write(undefined, [upd]), [cre]);
    expect(row).toMatchObject({ endTime: at(20), outputTokens: 77, inputTokens: 3, totalTokens: 80, name: "llm", type: "GENERATION", startTime: at(0) });
  });

  it("gives the same row for every order and split of the same events", () => {
    const meta1 = create({ metadata: { a: 1, b: 1 }, level: "WARNING" }, 3);
    const meta2 = update({ metadata: { b: 2 }, statusMessage: "late" }, 4);
    const events = [upd, cre, meta1, meta2];
    const expected = write(undefined, events);
    expect(expected).toMatchObject({ metadata: { a: 1, b: 2 }, level: "WARNING", statusMessage: "late", endTime: at(20), outputTokens: 77 });
    for (const order of ordersOf(events)) {
      expect(write(undefined, order)).toEqual(expected);
      // one request per event
      expect(order.reduce<ObservationRow | undefined>((row, e) => write(row, [e]), undefined)).toEqual(expected);
    }
  });

  it("lets an update beat a create of the same millisecond, whichever arrives first", () => {
    const u = update({ name: "from-update" }, 5);
    const c = create({ name: "from-create", model: "m" }, 5);
    for (const order of [[u, c], [c, u]]) {
      expect(write(undefined, order)).toMatchObject({ name: "from-update", model: "m" });
      expect(write(write(undefined, [order[0]]), [order[1]])).toMatchObject({ name: "from-update", model: "m" });
    }
  });

  it("changes nothing when an event is repeated, in the same batch or a later one", () => {
    const once = write(undefined, [cre, upd]);
    expect(write(once, [cre, upd])).toEqual(once);
    expect(write(once, [cre])).toEqual(once);
    expect(write(once, [upd])).toEqual(once);
    // a tie between two different statements of one kind: the stored one stays on a repeat
    const a = update({ output: "a" }, 7);
    const b = update({ output: "b" }, 7);
    const both = write(undefined, [a, b]);
    expect(both.output).toBe("b");
    expect(write(both, [a])).toEqual(both);
  });

  it("lets a stated field replace a default or inferred one, whatever its time", () => {
    const row = write(write(undefined, [update({ output: "x" }, 9)]), [create({ level: "ERROR", environment: "prod", startTime: at(1) }, 1)]);
    expect(row).toMatchObject({ level: "ERROR", environment: "prod", startTime: at(1), output: "x" });
  });

  it("treats rows stored before stamps as unstamped (any event wins, as before)", () => {
    const legacy = { ...write(undefined, [create({ name: "old" }, 1)]), fieldTimes: null };
    expect(write(legacy, [create({ name: "new" }, 0)])).toMatchObject({ name: "new" });
  });

  it("orders trace fields the same way; tags union and the earliest timestamp stays", () => {
    const t = (o: Partial<TraceEvent>, s: number): TraceEvent => ({ kind: "trace", id: "t", eventTime: at(s), ...o });
    const newer = t({ name: "new", tags: ["b"], metadata: { k: "new" }, timestamp: at(30) }, 2);
    const older = t({ name: "old", userId: "u", tags: ["a"], metadata: { k: "old", o: 1 }, timestamp: at(10) }, 1);
    const expected = { name: "new", userId: "u", metadata: { k: "new", o: 1 }, timestamp: at(10) };
    const late = writeTrace(writeTrace(undefined, [newer]), [older]);
    expect(late).toMatchObject(expected);
    expect(late.tags!.sort()).toEqual(["a", "b"]);
    expect(writeTrace(undefined, [older, newer])).toMatchObject(expected);
    expect(writeTrace(late, [older])).toEqual(late);
  });

  it("lets any stated trace field beat one inferred from a child observation", () => {
    const fromChild = foldEvents([obs({ traceId: "t", environment: "from-span", eventTime: at(9) })], { now });
    const inferred = fromChild.traces.get("t")!;
    const stored = mergeTrace(undefined, inferred.event, undefined, now, inferred.times);
    expect(writeTrace(stored, [{ kind: "trace", id: "t", environment: "prod", eventTime: at(1) }]).environment).toBe("prod");
  });

  it("stamps events without an event time by receipt (OTLP, native): the later received wins", () => {
    const first = mergeObservation(undefined, obs({ name: "a" }), at(1), noPrice);
    expect(mergeObservation(first, obs({ name: "b" }), at(2), noPrice).name).toBe("b");
  });

  it("keeps the newer score when an older statement of it arrives late, filling only what it lacks", () => {
    const newer = scoreRow(undefined, { kind: "score", id: "s", name: "q", value: 1, timestamp: at(2) }, now);
    const late = scoreRow(newer, { kind: "score", id: "s", name: "q", value: 0, comment: "older", timestamp: at(1) }, now);
    expect(late).toMatchObject({ value: 1, comment: "older", timestamp: at(2) });
    expect(scoreRow(late, { kind: "score", id: "s", name: "q", value: 0.5, timestamp: at(3) }, now)).toMatchObject({ value: 0.5, timestamp: at(3) });
  });
});

describe("stored field stamps", () => {
  it("round-trip through their compact form for every stamped field of traces and observations", () => {
    const full = create({
      parentObservationId: "p", type: "GENERATION", name: "n", startTime: at(0), endTime: at(1), completionStartTime: at(0),
      level: "ERROR", statusMessage: "s", version: "v", environment: "e", input: 1, output: 2, metadata: { a: 1 },
      model: "m", modelParameters: { t: 1 }, promptName: "p", promptVersion: 1,
      usage: { input: 1, output: 2, total: 3, details: { input: 1 } }, cost: { input: 1, output: 2, total: 3, details: { input: 1 } },
    }, 1);
    const row = write(write(undefined, [full]), [update({ output: 3, name: "later" }, 2)]);
    const trace = writeTrace(undefined, [{ kind: "trace", id: "t", eventTime: at(1), name: "n", userId: "u", sessionId: "s", release: "r", version: "v", environment: "e", metadata: { a: 1 }, input: 1, output: 2, public: true }]);
    for (const times of [row.fieldTimes!, trace.fieldTimes!]) {
      const stored = encodeFieldTimes(times);
      expect(decodeFieldTimes(JSON.parse(JSON.stringify(stored)))).toEqual(times);
    }
    expect(Object.keys(row.fieldTimes!)).toHaveLength(25);
    expect(JSON.stringify(encodeFieldTimes(row.fieldTimes)).length).toBeLessThan(60);
  });
});

describe("an update that names no trace", () => {
  const orphan = obs({ traceId: undefined, isUpdate: true, eventTime: at(2), output: "done" });

  it("is held, not made a trace of its own id", () => {
    const b = foldEvents([orphan], { now });
    expect(b.observations.size).toBe(0);
    expect(b.traces.size).toBe(0);
    expect(b.held.get("o1")!.event).toMatchObject({ output: "done" });
  });

  it("joins the trace its create names, in the same batch or a later one", () => {
    const cre = obs({ traceId: "T", name: "s", eventTime: at(1), output: "early" });
    for (const events of [[orphan, cre], [cre, orphan]] as IngestEvent[][]) {
      const b = foldEvents(events, { now });
      expect([...b.traces.keys()]).toEqual(["T"]);
      expect(b.observations.get("o1")!.event).toMatchObject({ traceId: "T", name: "s", output: "done" });
    }
    const held = foldEvents([orphan], { now }).held;
    const later = foldEvents([cre], { held, now });
    expect(later.released).toEqual(new Set(["o1"]));
    expect([...later.traces.keys()]).toEqual(["T"]);
    const f = later.observations.get("o1")!;
    expect(mergeObservation(undefined, f.event, now, noPrice, f.times)).toMatchObject({ traceId: "T", name: "s", output: "done" });
  });

  it("joins its stored observation's trace", () => {
    const b = foldEvents([orphan], { storedTraceOf: () => "T", now });
    expect(b.observations.get("o1")!.event.traceId).toBe("T");
    expect(b.held.size).toBe(0);
  });
});

describe("merging into stored rows", () => {
  it("adds usage from a create and an update into one total", () => {
    const first = mergeObservation(undefined, obs({ usage: { output: 7, total: 7 } }), now, noPrice);
    const second = mergeObservation(first, obs({ usage: { input: 3, total: 3 } }), now, noPrice);
    expect(second).toMatchObject({ inputTokens: 3, outputTokens: 7, totalTokens: 10 });
  });

  it("prices a generation, and lets a cost the client sends win for good", () => {
    const price = () => ({ input: 1, output: 2, total: 3 });
    const priced = mergeObservation(undefined, obs({ model: "m", usage: { input: 1, output: 1 } }), now, price);
    expect(priced).toMatchObject({ totalCost: 3, costProvided: false });
    const provided = mergeObservation(priced, obs({ cost: { total: 0.5 } }), now, price);
    expect(provided).toMatchObject({ totalCost: 0.5, costProvided: true });
    const later = mergeObservation(provided, obs({ usage: { input: 100 } }), now, price);
    expect(later.totalCost).toBe(0.5);
  });

  it("stores boolean and categorical scores with both value forms", () => {
    expect(scoreRow(undefined, { kind: "score", id: "s", name: "ok", value: 1, dataType: "BOOLEAN" }, now)).toMatchObject({ value: 1, stringValue: "True" });
    expect(scoreRow(undefined, { kind: "score", id: "s", name: "label", value: "good" }, now)).toMatchObject({ value: null, stringValue: "good", dataType: "CATEGORICAL" });
  });
});
