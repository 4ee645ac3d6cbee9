// Users: the traces grouped by userId (figures, sort, search, range, paging) and one user's figures, on both databases.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import type { IngestEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { createProjectWithOwner } from "@/lib/projects/create";
import type { Filter } from "@/lib/query/filter";
import { parseUserView } from "@/lib/users/filter";
import { countUsers, listUsers, userFigures, userSessions } from "@/lib/users/list";
import type { UserSortColumn } from "@/lib/users/schemas";
import { dbFor, targets, uid } from "../support/targets";

/** Day d (10, 11, 12 January 2026), hour h, UTC. */
const at = (d: number, h: number) => new Date(Date.UTC(2026, 0, d, h));

/** A trace of a user, with one generation carrying its tokens and cost (none: a trace without cost). */
function trace(id: string, userId: string | null, time: Date, opts: { session?: string; cost?: number; tokens?: number } = {}): IngestEvent[] {
  const out: IngestEvent[] = [{ kind: "trace", id, timestamp: time, userId, sessionId: opts.session ?? null, name: "chat", input: { q: id }, output: { a: id } }];
  if (opts.tokens !== undefined)
    out.push({ kind: "observation", id: `${id}-g`, traceId: id, type: "GENERATION", startTime: time, endTime: new Date(time.getTime() + 1000), usage: { input: opts.tokens, output: 0, total: opts.tokens }, ...(opts.cost !== undefined ? { cost: { total: opts.cost } } : {}) });
  return out;
}

describe.each(targets())("users on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  const all: Filter = [];

  beforeAll(async () => {
    const owner = await createUser({ email: `${uid("u")}@itest.dev`, password: "password-123" }, db);
    projectId = (await createProjectWithOwner(uid("users"), owner.id, db)).id;
    await ingestEvents(
      projectId,
      [
        // alice: 3 traces in 2 sessions over two days: 0.01 + 0.02 + 0.04 = 0.07, 10 + 20 + 40 = 70 tokens
        ...trace("a1", "alice", at(10, 10), { session: "s1", cost: 0.01, tokens: 10 }),
        ...trace("a2", "alice", at(10, 11), { session: "s1", cost: 0.02, tokens: 20 }),
        ...trace("a3", "alice", at(11, 9), { session: "s2", cost: 0.04, tokens: 40 }),
        // bob: one expensive trace, no session, the latest
        ...trace("b1", "bob", at(12, 8), { cost: 1, tokens: 500 }),
        // carol: one cheap trace, the earliest
        ...trace("c1", "carol", at(10, 8), { session: "s3", cost: 0.005, tokens: 5 }),
        // dave: a trace without a generation: no cost known, no tokens
        ...trace("d1", "dave", at(11, 12)),
        // no user: never listed
        ...trace("n1", null, at(12, 9), { cost: 5, tokens: 5 }),
      ],
      db,
    );
  });

  it("rolls each user up from their traces", async () => {
    const rows = await listUsers(db, projectId, { filter: all, page: 1, limit: 50 });
    expect(rows.map((r) => r.userId)).toEqual(["bob", "dave", "alice", "carol"]); // last seen, newest first
    const alice = rows.find((r) => r.userId === "alice")!;
    expect(alice).toMatchObject({ traceCount: 3, sessionCount: 2, totalTokens: 70, firstSeen: at(10, 10).toISOString(), lastSeen: at(11, 9).toISOString() });
    expect(alice.totalCost).toBeCloseTo(0.07, 12);
    expect(rows.find((r) => r.userId === "bob")).toMatchObject({ traceCount: 1, sessionCount: 0, totalCost: 1, totalTokens: 500 });
    expect(rows.find((r) => r.userId === "dave")).toMatchObject({ traceCount: 1, sessionCount: 0, totalCost: null, totalTokens: 0 });
    expect(await countUsers(db, projectId, all)).toBe(4);
  });

  it("sorts on every column, unknown costs last either way", async () => {
    const order = async (column: UserSortColumn, dir: "asc" | "desc") => (await listUsers(db, projectId, { filter: all, sort: { column, dir }, page: 1, limit: 50 })).map((r) => r.userId);
    expect(await order("cost", "desc")).toEqual(["bob", "alice", "carol", "dave"]);
    expect(await order("cost", "asc")).toEqual(["carol", "alice", "bob", "dave"]);
    expect(await order("traces", "desc")).toEqual(["alice", "dave", "carol", "bob"]); // ties by user id, same direction
    expect(await order("sessions", "desc")).toEqual(["alice", "carol", "dave", "bob"]);
    expect(await order("tokens", "asc")).toEqual(["dave", "carol", "alice", "bob"]);
    expect(await order("firstSeen", "asc")).toEqual(["carol", "alice", "dave", "bob"]);
    expect(await order("userId", "asc")).toEqual(["alice", "bob", "carol", "dave"]);
  });

  it("pages with a stable order", async () => {
    const page = async (p: number) => (await listUsers(db, projectId, { filter: all, sort: { column: "cost", dir: "desc" }, page: p, limit: 3 })).map((r) => r.userId);
    expect([...(await page(1)), ...(await page(2))]).toEqual(["bob", "alice", "carol", "dave"]);
    expect(await page(3)).toEqual([]);
  });

  it("searches the user id and keeps the range's traces only (figures of that range), from the URL", async () => {
    const view = (params: Record<string, string>, now = at(12, 10)) => parseUserView(params, now).filter;
    expect((await listUsers(db, projectId, { filter: view({ q: "ALI" }), page: 1, limit: 50 })).map((r) => r.userId)).toEqual(["alice"]);
    expect(await countUsers(db, projectId, view({ q: "%" }))).toBe(0); // LIKE wildcards are literal
    // Last 24 hours from 12 Jan 10:00: alice's a3 (11 Jan 09:00) is out, dave's d1 (11 Jan 12:00) and bob's b1 are in.
    const day = await listUsers(db, projectId, { filter: view({ range: "24h" }), page: 1, limit: 50 });
    expect(day.map((r) => r.userId)).toEqual(["bob", "dave"]);
    // A custom range from 11 Jan: alice counts only a3.
    const from11 = await listUsers(db, projectId, { filter: view({ from: at(11, 0).toISOString(), range: "24h" }), page: 1, limit: 50 });
    expect(from11.map((r) => r.userId)).toEqual(["bob", "dave", "alice"]);
    expect(from11.find((r) => r.userId === "alice")).toMatchObject({ traceCount: 1, sessionCount: 1, totalCost: 0.04, totalTokens: 40, firstSeen: at(11, 9).toISOString() });
    expect(await countUsers(db, projectId, view({ from: at(11, 0).toISOString(), to: at(11, 23).toISOString() }))).toBe(2); // alice, dave
  });

  it("gives one user's figures, and nothing for an unknown user", async () => {
    const alice = await userFigures(db, projectId, "alice");
    expect(alice).toMatchObject({ userId: "alice", traceCount: 3, sessionCount: 2, totalTokens: 70 });
    expect(alice!.totalCost).toBeCloseTo(0.07, 12);
    expect(await userFigures(db, projectId, "nobody")).toBeNull();
    expect(await userFigures(db, projectId, "ali")).toBeNull(); // exact id, not a search
  });

  it("lists a user's newest sessions with each session's rollups", async () => {
    const sessions = await userSessions(db, projectId, "alice", 10);
    expect(sessions.map((x) => [x.id, x.traceCount, x.totalTokens])).toEqual([
      ["s2", 1, 40],
      ["s1", 2, 30],
    ]);
    expect((await userSessions(db, projectId, "alice", 1)).map((x) => x.id)).toEqual(["s2"]);
    expect(await userSessions(db, projectId, "bob", 10)).toEqual([]); // traces without a session
  });
});
