// The public API's routes and the methods each route file exports. Next answers
// a method a route file does not export with a bare 405 (no body, no Allow);
// proxy.ts answers it in the error contract instead, with this table. The
// routes proxy.ts does not run for (PROXY_SKIPS: the ingestion endpoints, whose
// request rate makes the proxy's cost count) answer it themselves (route.ts refusals).
// Paths no route serves reach app/api/public/[[...path]] (a JSON 404).
// tests/unit/api-routes.test.ts fails when this table and app/api/public/**/route.ts differ.
import { errorBody } from "./errors";

export const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** The routes proxy.ts's matcher leaves out (its config must be a literal there: tests/unit/api-routes.test.ts compares). */
export const PROXY_SKIPS = ["/api/public/ingestion", "/api/public/otel/v1/traces"] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/** Route file folder under app/ → exported methods. `[name]` is a dynamic segment. */
export const API_ROUTES: Record<string, readonly ApiMethod[]> = {
  "/api/public/dataset-items": ["GET", "POST"],
  "/api/public/dataset-items/[datasetItemId]": ["GET", "DELETE"],
  "/api/public/dataset-run-items": ["GET", "POST"],
  "/api/public/datasets": ["GET", "POST"],
  "/api/public/datasets/[name]": ["GET"],
  "/api/public/datasets/[name]/import": ["POST"],
  "/api/public/datasets/[name]/runs": ["GET"],
  "/api/public/datasets/[name]/runs/[runName]": ["GET", "DELETE"],
  "/api/public/health": ["GET"],
  "/api/public/ingestion": ["POST"],
  "/api/public/jobs/[jobId]": ["GET"],
  "/api/public/metrics": ["GET"],
  "/api/public/metrics/daily": ["GET"],
  "/api/public/models": ["GET", "POST"],
  "/api/public/models/[modelId]": ["GET", "DELETE"],
  "/api/public/observations": ["GET"],
  "/api/public/observations/[observationId]": ["GET"],
  "/api/public/otel/v1/traces": ["POST"],
  "/api/public/projects": ["GET"],
  "/api/public/scores": ["GET", "POST"],
  "/api/public/scores/[scoreId]": ["GET", "DELETE"],
  "/api/public/sessions": ["GET"],
  "/api/public/sessions/[sessionId]": ["GET"],
  "/api/public/traces": ["GET", "POST"],
  "/api/public/traces/[traceId]": ["GET", "DELETE"],
  "/api/public/v2/datasets": ["GET", "POST"],
  "/api/public/v2/datasets/[datasetName]": ["GET"],
  "/api/public/v2/metrics": ["GET"],
  "/api/public/v2/scores": ["GET"],
  "/api/public/v2/scores/[scoreId]": ["GET"],
};

const isDynamic = (segment: string) => /^\[[^.\]]+\]$/.test(segment);

// Static segments win over dynamic ones, as in Next's router: fewer dynamic segments first.
const MATCHERS = Object.entries(API_ROUTES)
  .map(([pattern, methods]) => ({ segments: pattern.split("/").slice(1), methods }))
  .sort((a, b) => a.segments.filter(isDynamic).length - b.segments.filter(isDynamic).length);

/**
 * The methods the route serving `pathname` answers (Next adds HEAD to a GET
 * route and answers OPTIONS itself), or undefined when no route serves it.
 */
export function allowedMethods(pathname: string): string[] | undefined {
  const parts = pathname.replace(/\/+$/, "").split("/").slice(1);
  const match = MATCHERS.find(
    (m) => m.segments.length === parts.length && m.segments.every((s, i) => (isDynamic(s) ? parts[i] !== "" : s === parts[i])),
  );
  if (!match) return undefined;
  return [...match.methods, ...(match.methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
}

/** The 405 of the error contract, naming what the route does answer. */
export function methodNotAllowed(method: string, pathname: string, allowed: string[]): Response {
  const message = `${method} is not allowed on ${pathname}; use ${allowed.filter((m) => m !== "HEAD" && m !== "OPTIONS").join(" or ")}`;
  return Response.json(errorBody("method_not_allowed", message), { status: 405, headers: { Allow: allowed.join(", ") } });
}
