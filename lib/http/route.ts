// The one wrapper every /api route goes through: authentication, zod parsing
// of the query string and JSON body, and mapping every error to the contract
// in errors.ts. Handlers stay a few lines and hold no domain logic.
import type { z } from "zod";
import { authenticateApiKey, type ApiPrincipal } from "../auth/api-keys";
import { readJson } from "./body";
import { DomainError } from "../errors";
import { ApiError, domainErrorBody, errorBody, invalid, statusOf } from "./errors";
import { trustedForwarded } from "./client-address";
import { apiSecurityHeaders } from "./security-headers";
import { allowedMethods, methodNotAllowed, type ApiMethod } from "./api-routes";

type Params = Record<string, string | string[] | undefined>;

export interface RouteContext<Q, B> {
  req: Request;
  params: Params;
  query: Q;
  body: B;
  /** The project the API key belongs to (auth: "apiKey"). */
  auth: ApiPrincipal;
}

interface RouteOptions<Q, B> {
  auth?: "apiKey" | "none";
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  maxBodyBytes?: number;
}

type NextContext = { params: Promise<Params> };

export function route<Q = undefined, B = undefined>(
  options: RouteOptions<Q, B>,
  handler: (ctx: RouteContext<Q, B>) => Promise<Response | object>,
): (req: Request, ctx: NextContext) => Promise<Response> {
  return async (req, nextCtx) => {
    try {
      const auth = options.auth === "none" ? ({} as ApiPrincipal) : await authenticateApiKey(req.headers.get("authorization"));
      const params = (await nextCtx?.params) ?? {};
      const query = options.query ? parseQuery(req, options.query) : (undefined as Q);
      let body = undefined as B;
      if (options.body) {
        const parsed = options.body.safeParse(await readJson(req, options.maxBodyBytes));
        if (!parsed.success) throw invalid(parsed.error, "request body");
        body = parsed.data;
      }
      const out = await handler({ req, params, query, body, auth });
      return withApiHeaders(req, out instanceof Response ? out : Response.json(out));
    } catch (err) {
      return withApiHeaders(req, errorResponse(err));
    }
  };
}

/**
 * The API's security headers, set here as well as in proxy.ts: the ingestion routes are not matched by the
 * proxy (running it cost ~1.7 ms of server CPU per request, a third of a bare API request's), so their
 * answers get them only here.
 */
export function withApiHeaders(req: Request, res: Response): Response {
  const headers = apiSecurityHeaders(trustedForwarded(req.headers, "proto") === "https");
  try {
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  } catch {
    // Immutable headers (a fetched response passed through): a copy takes them.
    const copy = new Response(res.body, res);
    for (const [k, v] of Object.entries(headers)) copy.headers.set(k, v);
    return copy;
  }
}

/** Query strings: repeated keys become arrays (tags=a&tags=b), single ones stay strings. */
function parseQuery<Q>(req: Request, schema: z.ZodType<Q>): Q {
  const raw: Record<string, string | string[]> = {};
  for (const [k, v] of new URL(req.url).searchParams) {
    const prev = raw[k];
    raw[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error, "query parameters");
  return parsed.data;
}

export function errorResponse(err: unknown): Response {
  if (err instanceof ApiError) {
    const headers: Record<string, string> = err.status === 401 ? { "WWW-Authenticate": 'Basic realm="Loupe API"' } : {};
    // A refused body may be partly unread: close the connection rather than leave the client's next request behind it.
    if (err.status === 413) headers.Connection = "close";
    if (err.retryAfterSeconds !== undefined) headers["Retry-After"] = String(err.retryAfterSeconds);
    return Response.json(errorBody(err.code, err.message, err.details), { status: err.status, headers });
  }
  if (err instanceof DomainError) return Response.json(domainErrorBody(err), { status: statusOf(err) });
  // A 500 never leaks internals: the detail goes to the server log only.
  console.error("[api] unhandled error", err);
  return Response.json(errorBody("internal", "Internal server error"), { status: 500 });
}

/**
 * Handlers for the methods of API_METHODS a route does not serve, and for OPTIONS (Next's own would list the
 * refusals as allowed), for the routes proxy.ts skips: a route file exports those it does not serve, e.g.
 * `export const { GET, PUT, PATCH, DELETE, OPTIONS } = refusals("/api/public/ingestion")`.
 */
export function refusals(route: string): Record<ApiMethod | "OPTIONS", (req: Request) => Response> {
  const allowed = allowedMethods(route);
  if (!allowed) throw new Error(`no such API route: ${route}`);
  const refuse = (req: Request) => withApiHeaders(req, methodNotAllowed(req.method, new URL(req.url).pathname, allowed));
  const options = (req: Request) => withApiHeaders(req, new Response(null, { status: 204, headers: { Allow: allowed.join(", ") } }));
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse, OPTIONS: options };
}
