// The response headers every page and API answer carries (set in proxy.ts, and
// on API answers by their route wrapper too: the ingestion routes skip proxy.ts;
// the ones that never vary are also set for static files in next.config.mjs).
//
// Pages get a nonce-based Content-Security-Policy: Next reads the nonce from
// the request's CSP header and puts it on its own scripts, and 'strict-dynamic'
// lets those load their chunks; no inline script without the nonce runs. The
// nonce differs per request, so pages render dynamically (the root layout
// asks for the request headers). Styles keep 'unsafe-inline': React's style
// attributes (charts, widths) cannot carry a nonce, and styles cannot run code.
// API answers are JSON: their policy allows nothing at all.

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
};

export const HSTS = "max-age=31536000";

export function pageCsp(nonce: string, opts: { https: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** What every API answer carries beside the static headers: the deny-all policy, and HSTS over HTTPS. */
export function apiSecurityHeaders(https: boolean): Record<string, string> {
  return https ? { "Content-Security-Policy": API_CSP, "Strict-Transport-Security": HSTS } : { "Content-Security-Policy": API_CSP };
}
