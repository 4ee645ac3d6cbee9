// Sessions: rollups from trace rows, filters, sort and paging, on both databases.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import type { IngestEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { createProjectWithOwner } from "@/lib/projects/create";
import { sessionDetail } from "@/lib/sessions/detail";
import { countSessions, listSessions, matchingSessionIds } from "@/lib/sessions/list";
import { sessionFilterSchema, type SessionFilter } from "@/lib/sessions/schemas";
import { dbFor, targets, uid } from "../support/targets";

const at = (min: number) => new Date(Date.UTC(2026, 0, 10, 12, min));

/** A trace with one generation (so it has rollups: start/end, tokens, cost, errors). */
function turn(id: string, sessionId: string, min: number, opts: { user?: string; env?: string; error?: boolean; cost?: number; tokens?: number; durMin?: number } = {}): IngestEvent[] {
  return [
    { kind: "trace", id, sessionId, timestamp: at(min), userId: opts.user ?? "u1", environment: opts.env ?? "production", input: { message: `q ${id}` }, output: { reply: `a ${id}` } },
    {
      kind: "observation",
      id: `${id}-gen`,
      traceId: id,
      type: "GENERATION",
      startTime: at(min),
      endTime: at(min + (opts.durMin ?? 1)),
      level: opts.error ? "ERROR" : "DEFAULT",
      usage: { input: opts.tokens ?? 10, output: 0, total: opts.tokens ?? 10 },
      cost: { total: opts.cost ?? 0.01 },
    },
  ];
}

describe.each(targets())("sessions list on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  const filter = (f: Record<string, string> = {}): SessionFilter => sessionFilterSchema.parse(f);

  beforeAll(async () => {
    const user = await createUser({ email: `${uid("s")}@itest.dev`, password: "password-123" }, db);
    projectId = (await createProjectWithOwner(uid("sessions"), user.id, db)).id;
    await ingestEvents(
      projectId,
      [
        // s-a: 3 turns, two users, one error, 0 → 12 min
        ...turn("a1", "s-a", 0, { user: "alice" }),
        ...turn("a2", "s-a", 5, { user: "bob", error: true, cost: 0.02 }),
        ...turn("a3", "s-a", 10, { user: "alice", durMin: 2, tokens: 30 }),
        // s-b: 1 turn, staging, expensive
        ...turn("b1", "s-b", 20, { env: "staging", cost: 1, tokens: 500 }),
        // s-c: 2 turns, later
        ...turn("c1", "s-c", 30),
        ...turn("c2", "s-c", 40),
        // no session: never listed
        ...turn("n1", "", 50).map((e) => (e.kind === "trace" ? { ...e, sessionId: null } : e)),
        { kind: "score", id: "sc-a", sessionId: "s-a", name: "resolved", value: 1, dataType: "BOOLEAN" },
        { kind: "score", id: "sc-a1", traceId: "a1", name: "helpfulness", value: 0.5, dataType: "NUMERIC" },
        { kind: "score", id: "sc-a3", traceId: "a3", name: "helpfulness", value: 1, dataType: "NUMERIC" },
        // An observation's score is not its trace's: it stays out of the session's columns (issue 12, item 15).
        { kind: "score", id: "sc-a2-obs", traceId: "a2", observationId: "a2-gen", name: "helpfulness", value: 0, dataType: "NUMERIC" },
      ],
      db,
    );
    await db.session.update({ where: { projectId_id: { projectId, id: "s-b" } }, data: { bookmarked: true } });
  });

  it("rolls sessions up from their traces", async () => {
    const rows = await listSessions(db, projectId, { filter: filter(), page: 1, limit: 50 });
    expect(rows.map((r) => r.id)).toEqual(["s-c", "s-b", "s-a"]); // newest first
    const a = rows.find((r) => r.id === "s-a")!;
    expect(a).toMatchObject({ traceCount: 3, userIds: ["alice", "bob"], errorCount: 1, totalTokens: 50, bookmarked: false, environments: ["production"] });
    expect(a.totalCost).toBeCloseTo(0.04, 9);
    expect(a.durationMs).toBe(12 * 60_000); // first start 12:00 → last end 12:12
    expect(a.firstTimestamp).toBe(at(0).toISOString());
    expect(a.lastTimestamp).toBe(at(10).toISOString());
    expect(a.scores).toEqual({ resolved: "True", helpfulness: 0.75 });
    expect(rows.find((r) => r.id === "s-b")!.bookmarked).toBe(true);
    expect(await countSessions(db, projectId, filter())).toBe(3);
  });

  it("filters by user, environment, errors, bookmark, id and time, counting the same", async () => {
    const ids = async (f: Record<string, string>) => {
      const rows = await listSessions(db, projectId, { filter: filter(f), page: 1, limit: 50 });
      expect(await countSessions(db, projectId, filter(f))).toBe(rows.length);
      return rows.map((r) => r.id).sort();
    };
    expect(await ids({ userId: "bob" })).toEqual(["s-a"]);
    expect(await ids({ environment: "staging" })).toEqual(["s-b"]);
    expect(await ids({ errors: "true" })).toEqual(["s-a"]);
    expect(await ids({ errors: "false" })).toEqual(["s-b", "s-c"]);
    expect(await ids({ bookmarked: "true" })).toEqual(["s-b"]);
    expect(await ids({ bookmarked: "false" })).toEqual(["s-a", "s-c"]);
    expect(await ids({ q: "-c" })).toEqual(["s-c"]);
    expect(await ids({ q: "%" })).toEqual([]); // LIKE wildcards are literal
    // activity overlapping [12:08, 12:25]: s-a (until 12:10) and s-b (12:20), not s-c (from 12:30)
    expect(await ids({ from: at(8).toISOString(), to: at(25).toISOString() })).toEqual(["s-a", "s-b"]);
    expect(await matchingSessionIds(db, projectId, filter({ errors: "false" }))).toHaveLength(2);
  });

  it("sorts on rollups and pages with a stable order", async () => {
    const order = async (column: "cost" | "traces" | "duration" | "tokens", dir: "asc" | "desc") =>
      (await listSessions(db, projectId, { filter: filter(), sort: { column, dir }, page: 1, limit: 50 })).map((r) => r.id);
    expect(await order("cost", "desc")).toEqual(["s-b", "s-a", "s-c"]);
    expect(await order("traces", "desc")).toEqual(["s-a", "s-c", "s-b"]);
    expect(await order("duration", "asc")).toEqual(["s-b", "s-c", "s-a"]);
    expect(await order("tokens", "asc")).toEqual(["s-c", "s-a", "s-b"]);
    const p1 = await listSessions(db, projectId, { filter: filter(), page: 1, limit: 2 });
    const p2 = await listSessions(db, projectId, { filter: filter(), page: 2, limit: 2 });
    expect([...p1, ...p2].map((r) => r.id)).toEqual(["s-c", "s-b", "s-a"]);
  });

  it("gives a session's turns in order, and nothing for an unknown id", async () => {
    const s = await sessionDetail(db, projectId, "s-a");
    expect(s!.turns.map((x) => x.traceId)).toEqual(["a1", "a2", "a3"]);
    expect(s!.turns[0].input).toEqual({ message: "q a1" });
    expect(s!.rollup!.traceCount).toBe(3);
    expect(await sessionDetail(db, projectId, "nope")).toBeNull();
  });
});
