// lib/http/api-routes.ts lists the public API's routes and methods for proxy.ts
// (the JSON 405). It must list exactly the route files and what each exports.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_METHODS, API_ROUTES, PROXY_SKIPS, allowedMethods } from "@/lib/http/api-routes";

const appDir = path.resolve(import.meta.dirname, "../../app");
const CATCH_ALL = "/api/public/[[...path]]";

function routeFiles(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const file of readdirSync(path.join(appDir, "api/public"), { recursive: true, encoding: "utf8" })) {
    if (path.basename(file) !== "route.ts") continue;
    const route = "/api/public/" + path.dirname(file).split(path.sep).join("/");
    const source = readFileSync(path.join(appDir, "api/public", file), "utf8");
    const exported = new Set<string>();
    for (const m of source.matchAll(/^export (?:const|async function|function) (\w+)/gm)) exported.add(m[1]);
    for (const m of source.matchAll(/^export \{([^}]*)\}/gm)) {
      for (const name of m[1].split(",")) exported.add(name.trim().split(/\s+as\s+/).pop()!);
    }
    out[route.replace(/\/\.$/, "")] = API_METHODS.filter((method) => exported.has(method));
  }
  return out;
}

describe("the public API's method table", () => {
  it("lists every route file under app/api/public with the methods it exports", () => {
    const files = routeFiles();
    expect(files[CATCH_ALL]).toEqual([...API_METHODS]); // the catch-all answers 404 to every method
    delete files[CATCH_ALL];
    expect(Object.fromEntries(Object.entries(API_ROUTES).map(([r, m]) => [r, [...m]]))).toEqual(files);
  });

  it("matches paths as Next routes them", () => {
    expect(allowedMethods("/api/public/traces")).toEqual(["GET", "POST", "HEAD", "OPTIONS"]);
    expect(allowedMethods("/api/public/traces/abc-123")).toEqual(["GET", "DELETE", "HEAD", "OPTIONS"]);
    expect(allowedMethods("/api/public/ingestion")).toEqual(["POST", "OPTIONS"]);
    expect(allowedMethods("/api/public/otel/v1/traces")).toEqual(["POST", "OPTIONS"]);
    expect(allowedMethods("/api/public/v2/scores/s1")).toEqual(["GET", "HEAD", "OPTIONS"]);
    // Not served by any route: left to the catch-all's 404.
    expect(allowedMethods("/api/public/traces/a/b")).toBeUndefined();
    expect(allowedMethods("/api/public/anything-unknown")).toBeUndefined();
    expect(allowedMethods("/api/public")).toBeUndefined();
    expect(allowedMethods("/api/public/otel/v1/logs")).toBeUndefined();
  });

  // proxy.ts's matcher, as Next compiles it for a plain path: the pattern anchored at both ends.
  const matcher = (() => {
    const source = readFileSync(path.resolve(appDir, "../proxy.ts"), "utf8");
    const literal = /matcher: \["([^"]+)"\]/.exec(source)![1];
    return new RegExp(`^${literal}$`);
  })();

  it("skips the proxy for exactly the routes PROXY_SKIPS names, and those answer other methods themselves", () => {
    for (const route of PROXY_SKIPS) {
      expect(matcher.test(route), route).toBe(false);
      expect(API_ROUTES[route], route).toBeDefined();
      const source = readFileSync(path.join(appDir, route, "route.ts"), "utf8");
      expect(source, route).toMatch(/^export const \{[^}]*\} = refusals\("([^"]+)"\);$/m);
      expect(/refusals\("([^"]+)"\)/.exec(source)![1]).toBe(route);
    }
    // Every other route, and paths that merely start like a skipped one, still run it.
    for (const route of Object.keys(API_ROUTES).filter((r) => !(PROXY_SKIPS as readonly string[]).includes(r))) {
      expect(matcher.test(route.replace(/\[[^\]]+\]/g, "some-id")), route).toBe(true);
    }
    for (const p of ["/api/public/ingestion-x", "/api/public/ingestion/x", "/api/public/otel/v1/traces/x", "/login", "/itest/traces"]) expect(matcher.test(p), p).toBe(true);
  });
});
