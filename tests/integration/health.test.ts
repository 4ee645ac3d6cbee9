// Instrumentation health: the figures per trace name against hand-counted data,
// and each figure's traces-table link finding exactly the traces it counts, on both databases.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { instrumentationHealth } from "@/lib/analytics/health";
import { healthTracesHref } from "@/lib/analytics/health-view";
import type { IngestEvent, ObservationEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { createProjectWithOwner } from "@/lib/projects/create";
import type { Filter } from "@/lib/query/filter";
import { queryToRecord } from "@/lib/query/url";
import type { TimeRange } from "@/lib/time-range";
import { listTraces } from "@/lib/traces/list";
import { parseTraceTableParams } from "@/lib/traces/table-params";
import type { MissingKind } from "@/lib/traces/missing-kinds";
import { dbFor, targets, uid } from "../support/targets";

const at = (min: number) => new Date(Date.UTC(2026, 1, 3, 12, min));
const later = (d: Date) => new Date(d.getTime() + 500);

function trace(id: string, name: string | null, min: number, opts: { input?: boolean; output?: boolean; userId?: string } = {}): IngestEvent {
  return {
    kind: "trace",
    id,
    name,
    timestamp: at(min),
    userId: opts.userId ?? "u",
    ...(opts.input === false ? {} : { input: { q: id } }),
    ...(opts.output === false ? {} : { output: { a: id } }),
  };
}

type Obs = Partial<ObservationEvent> & { id: string; traceId: string };
function obs(o: Obs, min: number): IngestEvent {
  return { kind: "observation", type: "SPAN", startTime: at(min), endTime: later(at(min)), ...o } as IngestEvent;
}
const gen = (id: string, traceId: string, min: number, o: Omit<Partial<ObservationEvent>, "id" | "traceId"> = {}) =>
  obs({ id, traceId, type: "GENERATION", model: "custom-model-x", usage: { input: 10, output: 5, total: 15 }, cost: { total: 0.01 }, ...o }, min);

describe.each(targets())("instrumentation health on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  const range: TimeRange = { kind: "custom", from: at(0), to: at(59) };

  beforeAll(async () => {
    const owner = await createUser({ email: `${uid("h")}@itest.dev`, password: "password-123" }, db);
    projectId = (await createProjectWithOwner(uid("health"), owner.id, db)).id;
    await ingestEvents(
      projectId,
      [
        // chat: h1 complete; h2 no output, a generation without usage (so no cost), a span never ended;
        // h3 a generation without a model (cost provided) and an event (no end: not counted); z1 (user zed) no input.
        trace("h1", "chat", 1), gen("h1-g", "h1", 1), obs({ id: "h1-s", traceId: "h1" }, 1),
        trace("h2", "chat", 2, { output: false }), gen("h2-g", "h2", 2, { usage: undefined, cost: undefined }), obs({ id: "h2-s", traceId: "h2", endTime: undefined }, 2),
        trace("h3", "chat", 3), gen("h3-g", "h3", 3, { model: undefined }), obs({ id: "h3-e", traceId: "h3", type: "EVENT", endTime: undefined }, 3),
        trace("z1", "chat", 4, { input: false, userId: "zed" }),
        // rag: r1 no input nor output, a generation with usage of an unpriced model (cost unknown); r2 no observations.
        trace("r1", "rag", 5, { input: false, output: false }), gen("r1-g", "r1", 5, { cost: undefined }),
        trace("r2", "rag", 6),
        // unnamed: no input; a generation without model or usage.
        trace("u1", null, 7, { input: false }), gen("u1-g", "u1", 7, { model: undefined, usage: undefined, cost: undefined }),
        // Before the range: never counted.
        trace("old", "chat", -30, { input: false, output: false }), gen("old-g", "old", -30, { model: undefined, usage: undefined, cost: undefined }),
      ],
      db,
    );
  });

  it("counts every gap per trace name and in total", async () => {
    const { rows, total } = await instrumentationHealth(db, projectId, { filter: [], from: range.from, to: range.to });
    // Worst share first: rag and unnamed each have a gap in every generation (100 %), rag has more traces; chat's worst is 1 of 3.
    expect(rows.map((r) => r.traceName)).toEqual(["rag", null, "chat"]);
    rows.push(rows.shift()!, rows.shift()!); // back to chat, rag, unnamed for the checks below
    expect(rows[0]).toEqual({ traceName: "chat", traces: 4, missingInput: 1, missingOutput: 1, generations: 3, missingModel: 1, missingUsage: 1, missingCost: 1, observations: 5, neverEnded: 1 });
    expect(rows[1]).toEqual({ traceName: "rag", traces: 2, missingInput: 1, missingOutput: 1, generations: 1, missingModel: 0, missingUsage: 0, missingCost: 1, observations: 1, neverEnded: 0 });
    expect(rows[2]).toEqual({ traceName: null, traces: 1, missingInput: 1, missingOutput: 0, generations: 1, missingModel: 1, missingUsage: 1, missingCost: 1, observations: 1, neverEnded: 0 });
    expect(total).toEqual({ traceName: null, traces: 7, missingInput: 3, missingOutput: 2, generations: 5, missingModel: 2, missingUsage: 2, missingCost: 3, observations: 7, neverEnded: 1 });
  });

  it("takes the shared traces filter", async () => {
    const zed: Filter = [{ type: "string", column: "userId", operator: "=", value: "zed" }];
    const { rows } = await instrumentationHealth(db, projectId, { filter: zed, from: range.from, to: range.to });
    expect(rows).toEqual([{ traceName: "chat", traces: 1, missingInput: 1, missingOutput: 0, generations: 0, missingModel: 0, missingUsage: 0, missingCost: 0, observations: 0, neverEnded: 0 }]);
  });

  /** The traces the table shows for a figure's link (the page's own URL parsing, then the list). */
  async function linked(kind: MissingKind, traceName?: string, filter: Filter = []) {
    const href = healthTracesHref(projectId, range, filter, kind, traceName);
    const params = parseTraceTableParams(queryToRecord(href.slice(href.indexOf("?") + 1)));
    expect(params.issues).toEqual([]);
    return (await listTraces(db, projectId, { filter: params.filter, page: 1, limit: 100 })).map((r) => r.id).sort();
  }

  it("links each figure to exactly the traces it counts", async () => {
    expect(await linked("input")).toEqual(["r1", "u1", "z1"]);
    expect(await linked("output")).toEqual(["h2", "r1"]);
    expect(await linked("model")).toEqual(["h3", "u1"]);
    expect(await linked("usage")).toEqual(["h2", "u1"]);
    expect(await linked("cost")).toEqual(["h2", "r1", "u1"]);
    expect(await linked("end")).toEqual(["h2"]);
    expect(await linked("input", "chat")).toEqual(["z1"]);
    expect(await linked("cost", "rag")).toEqual(["r1"]);
    expect(await linked("input", "chat", [{ type: "string", column: "userId", operator: "=", value: "zed" }])).toEqual(["z1"]);
    expect(await linked("output", "chat", [{ type: "string", column: "userId", operator: "=", value: "zed" }])).toEqual([]);
  });

  it("filters the traces table on gaps, negated and several at once", async () => {
    const ids = async (filter: Filter) => (await listTraces(db, projectId, { filter: [{ type: "datetime", column: "timestamp", operator: ">=", value: at(0) }, ...filter], page: 1, limit: 100 })).map((r) => r.id).sort();
    expect(await ids([{ type: "string", column: "missing", operator: "!=", value: "input" }])).toEqual(["h1", "h2", "h3", "r2"]);
    expect(await ids([{ type: "stringOptions", column: "missing", operator: "any of", value: ["end", "model"] }])).toEqual(["h2", "h3", "u1"]);
    expect(await ids([{ type: "stringOptions", column: "missing", operator: "none of", value: ["input", "output", "model", "usage", "cost", "end"] }])).toEqual(["h1", "r2"]);
    await expect(ids([{ type: "string", column: "missing", operator: "=", value: "nonsense" }])).rejects.toThrow(/missing is one of/);
  });
});
