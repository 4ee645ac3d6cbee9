// What crosses between the server thread and the ingestion threads: errors
// keep their class and fields through a structured clone (a route answers the
// same status and details as when parsing ran in one thread), and the parse
// step refuses a bad body with the error the route always gave.
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { ApiError } from "@/lib/http/errors";
import { parseRequest } from "@/lib/ingest/parse-request";
import { received, sendable } from "@/lib/ingest/threads/errors";

const acrossThreads = (err: unknown) => received(structuredClone(sendable(err)));

describe("errors across threads", () => {
  it("keeps a DomainError's code, field path and issues", () => {
    const err = acrossThreads(new DomainError("conflict", "observation o1 belongs to another trace", { path: ["observations", 0, "id"], issues: [{ path: "observations[0].id", message: "moved" }] }));
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: "conflict", message: "observation o1 belongs to another trace", path: ["observations", 0, "id"], issues: [{ path: "observations[0].id", message: "moved" }] });
  });

  it("keeps an ApiError's code, status and details", () => {
    const err = acrossThreads(new ApiError("payload_too_large", "batch: must have at most 2 events", [{ path: "batch", issue: "must have at most 2 events" }]));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(413);
    expect((err as ApiError).details).toEqual([{ path: "batch", issue: "must have at most 2 events" }]);
  });

  it("keeps any other error's name, message and code", () => {
    const err = acrossThreads(Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }));
    expect(err).toMatchObject({ name: "Error", message: "database or disk is full", code: "SQLITE_FULL" });
  });
});

describe("parseRequest", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it("refuses an empty or broken JSON body, and a batch over the limit, as the routes did", () => {
    expect(() => parseRequest({ protocol: "langfuse", body: bytes("") })).toThrow(/Request body is empty: expected JSON/);
    expect(() => parseRequest({ protocol: "langfuse", body: bytes("{") })).toThrow(/Request body is not valid JSON/);
    const batch = JSON.stringify({ batch: [1, 2, 3].map((i) => ({ id: `e${i}`, timestamp: new Date().toISOString(), type: "trace-create", body: { id: `t${i}` } })) });
    try {
      parseRequest({ protocol: "langfuse", body: bytes(batch), maxBatchLength: 2 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(413);
    }
  });

  it("maps a Langfuse batch to storable events, a bad event failing only its slot", () => {
    const body = JSON.stringify({
      batch: [
        { id: "e1", timestamp: new Date().toISOString(), type: "trace-create", body: { id: "t1", name: "chat\u0000", input: { q: "hi" } } },
        { id: "e2", timestamp: new Date().toISOString(), type: "span-create", body: { id: 7 } },
      ],
    });
    const [ok, bad] = parseRequest({ protocol: "langfuse", body: bytes(body) });
    expect(ok).toMatchObject({ ok: true, index: 0 });
    expect(ok.ok && ok.events[0]).toMatchObject({ kind: "trace", id: "t1", name: "chat" });
    expect(bad).toMatchObject({ ok: false, index: 1, status: 400 });
  });
});
