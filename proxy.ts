// Runs before every page and API request (not static files):
// - security headers: a per-request CSP nonce for pages, a deny-all CSP for
//   the API, HSTS when the request came over HTTPS (lib/http/security-headers);
// - a cross-origin POST to a page (a server action from another site) is
//   refused with 403 here; Next would refuse it too, but as a 500;
// - without a session cookie, no page is reachable: send the browser to /login.
//   (The cookie is verified against the database by the pages themselves; this
//   only keeps anonymous visitors from rendering anything.) The public API
//   authenticates with API keys in its route handlers;
// - a method an API route does not answer gets the error contract's 405 with
//   Allow (lib/http/api-routes).
import { NextResponse, type NextRequest } from "next/server";
import { allowedMethods, methodNotAllowed } from "@/lib/http/api-routes";
import { trustedForwarded } from "@/lib/http/client-address";
import { errorBody } from "@/lib/http/errors";
import { API_CSP, HSTS, pageCsp } from "@/lib/http/security-headers";

const SESSION_COOKIE = "loupe_session";

// HTTPS is terminated by a proxy in front of `next start`, which speaks plain HTTP.
// Next derives the request URL's scheme from X-Forwarded-Proto whoever sent it,
// so only a trusted proxy's word counts (LOUPE_TRUSTED_PROXIES).
function isHttps(req: NextRequest): boolean {
  return trustedForwarded(req.headers, "proto") === "https";
}

/** The host a browser's Origin must name: what Next compares for server actions (X-Forwarded-Host, else Host). */
function sameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true; // not a browser's cross-site request; Next lets it through too
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false; // "null" (sandboxed or opaque origins) and garbage
  }
  const forwarded = req.headers.get("x-forwarded-host")?.split(",")[0].trim();
  return originHost === forwarded || originHost === req.headers.get("host");
}

function withHeaders<R extends Response>(res: R, csp: string, https: boolean): R {
  res.headers.set("Content-Security-Policy", csp);
  if (https) res.headers.set("Strict-Transport-Security", HSTS);
  return res;
}

export function proxy(req: NextRequest) {
  const https = isHttps(req);
  const path = req.nextUrl.pathname;
  if (path.startsWith("/api/")) {
    // A method the route file does not export: the error contract's 405 (Next's own has no body and no Allow).
    const allowed = allowedMethods(path);
    if (allowed && !allowed.includes(req.method)) return withHeaders(methodNotAllowed(req.method, path, allowed), API_CSP, https);
    return withHeaders(NextResponse.next(), API_CSP, https);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = pageCsp(nonce, { https, dev: process.env.NODE_ENV === "development" });

  if (req.method === "POST" && !sameOrigin(req)) {
    const body = errorBody("forbidden", "Cross-origin form posts are refused: the Origin does not match this host");
    return withHeaders(NextResponse.json(body, { status: 403 }), csp, https);
  }

  if (path !== "/login" && !req.cookies.get(SESSION_COOKIE)) {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = path === "/" ? "" : `?next=${encodeURIComponent(path + req.nextUrl.search)}`;
    return withHeaders(NextResponse.redirect(url), csp, https);
  }

  // Next takes the nonce for its scripts from the request's CSP header.
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set("x-nonce", nonce);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, https);
}

// Not run for the ingestion endpoints (PROXY_SKIPS in lib/http/api-routes.ts): running the proxy cost ~1.7 ms
// of server CPU per request (a bare API request costs ~4 ms with it, ~2.4 without), on the path SDKs call
// hundreds of times a second. Their route wrapper sets the API's headers and answers other methods itself.
export const config = {
  matcher: ["/((?!api/public/ingestion$|api/public/otel/v1/traces$|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
