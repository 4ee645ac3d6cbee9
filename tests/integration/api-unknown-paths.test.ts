// Unknown paths and wrong methods under /api/public answer the error contract
// (JSON), never Next's HTML 404 page or its bare 405, over real HTTP on both servers.
import { describe, expect, it } from "vitest";
import { API_ROUTES } from "@/lib/http/api-routes";
import { api, targets } from "../support/targets";

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = await res.json();
  expect(body).toEqual({ error: { code, message: expect.any(String) } });
  return body.error.message as string;
}

// A concrete path for each route (dynamic segments filled in).
const concrete = (route: string) => route.replace(/\[[^\]]+\]/g, "some-id");

describe.each(targets())("unknown API paths and methods on $name", (t) => {
  it.each([
    ["GET", "/api/public/anything-unknown"],
    ["GET", "/api/public"],
    ["POST", "/api/public/anything-unknown"],
    ["DELETE", "/api/public/traces/a/b/c"],
    ["PUT", "/api/public/otel/v1/logs"],
    ["PATCH", "/api/public/v3/scores"],
    ["OPTIONS", "/api/public/nothing-here"],
  ])("%s %s answers a JSON 404", async (method, path) => {
    const message = await expectError(await api(t, path, { method }), 404, "not_found");
    expect(message).toContain("No API route at");
  });

  it("answers 404 without credentials too (the route table is no secret)", async () => {
    await expectError(await fetch(`${t.baseUrl}/api/public/anything-unknown`), 404, "not_found");
  });

  // Every route, every method it does not export.
  const wrong = Object.entries(API_ROUTES).flatMap(([route, methods]) =>
    (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).filter((m) => !methods.includes(m)).map((m) => [m, route, methods] as const),
  );
  it.each(wrong)("%s %s answers a JSON 405 with Allow", async (method, route, methods) => {
    const res = await api(t, concrete(route), { method, body: method === "GET" ? undefined : "{}" });
    const message = await expectError(res, 405, "method_not_allowed");
    const allow = res.headers.get("allow")!.split(", ");
    expect(allow).toEqual(expect.arrayContaining([...methods, "OPTIONS"]));
    expect(allow).not.toContain(method);
    expect(message).toContain(`${method} is not allowed`);
  });

  it("still serves the methods a route exports (HEAD and OPTIONS included)", async () => {
    expect((await api(t, "/api/public/health")).status).toBe(200);
    expect((await api(t, "/api/public/health", { method: "HEAD" })).status).toBe(200);
    const options = await api(t, "/api/public/traces", { method: "OPTIONS" });
    expect(options.status).toBeLessThan(300);
    expect((await api(t, "/api/public/traces/does-not-exist")).status).toBe(404);
  });
});
