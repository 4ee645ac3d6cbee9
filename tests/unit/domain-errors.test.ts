// The one domain error and the one place it becomes HTTP (lib/http/errors.ts).
import { describe, expect, it } from "vitest";
import { DOMAIN_ERROR_CODES, DomainError, fail, formatPath, ok, unwrap } from "@/lib/errors";
import { DOMAIN_TO_HTTP, ERROR_STATUS, domainErrorBody, statusOf } from "@/lib/http/errors";
import { fieldErrors } from "@/lib/forms";
import { z } from "zod";

describe("DomainError", () => {
  it("has one HTTP code and status for every domain code", () => {
    const statuses = Object.fromEntries(DOMAIN_ERROR_CODES.map((c) => [c, statusOf(new DomainError(c, "x"))]));
    expect(statuses).toEqual({ invalid: 422, not_found: 404, conflict: 409, forbidden: 403 });
    for (const c of DOMAIN_ERROR_CODES) expect(ERROR_STATUS[DOMAIN_TO_HTTP[c]]).toBe(statuses[c]);
  });

  it("answers the API with the field under its name and in the details", () => {
    expect(domainErrorBody(new DomainError("invalid", "must be at most 1", { path: "value" }))).toEqual({
      error: { code: "unprocessable", message: "value: must be at most 1", details: [{ path: "value", issue: "must be at most 1" }] },
    });
    expect(domainErrorBody(new DomainError("not_found", "score config c1 not found in this project", { path: "configId", issue: "not found" }))).toEqual({
      error: { code: "not_found", message: "configId: score config c1 not found in this project", details: [{ path: "configId", issue: "not found" }] },
    });
    expect(domainErrorBody(new DomainError("not_found", "Trace t1 not found"))).toEqual({ error: { code: "not_found", message: "Trace t1 not found" } });
  });

  it("places a field path under a prefix without parsing messages", () => {
    const err = new DomainError("invalid", "must be 0 or 1", { path: ["value"] });
    expect(err.describe(["batch", 2, "body"])).toBe("batch[2].body.value: must be 0 or 1");
    expect(err.details(["batch", 2, "body"])).toEqual([{ path: "batch[2].body.value", issue: "must be 0 or 1" }]);
  });

  it("has one formatPath, shared by the API errors and the forms", () => {
    expect(formatPath(["batch", 3, "body", "start time"])).toBe('batch[3].body["start time"]');
    expect(formatPath([])).toBe("");
    const parsed = z.object({ a: z.object({ "b c": z.string() }) }).safeParse({ a: { "b c": 1 } });
    expect(Object.keys(fieldErrors(parsed.error!).fieldErrors!)).toEqual(['a["b c"]']);
  });

  it("has one Result shape", () => {
    expect(unwrap(ok(3))).toBe(3);
    const r = fail("conflict", "taken", { path: "name" });
    expect(r.ok).toBe(false);
    expect(() => unwrap(r)).toThrow(DomainError);
  });
});
