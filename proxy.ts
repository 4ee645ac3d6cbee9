// Without a session cookie, no page is reachable: send the browser to /login.
// (The cookie is verified against the database by the pages themselves; this
// only keeps anonymous visitors from rendering anything.) The public API
// authenticates with API keys in its route handlers.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIE = "loupe_session";

export function proxy(req: NextRequest) {
  if (req.cookies.get(SESSION_COOKIE)) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/login";
  url.search = req.nextUrl.pathname === "/" ? "" : `?next=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!login|api/public|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
