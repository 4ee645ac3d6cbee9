// Where to send the browser after sign-in. `next` comes from the URL, so it is
// attacker-chosen: only a path on this origin is kept. The check is the URL
// parser's own, the one the browser applies to the Location header: it strips
// tabs and newlines, reads "\" as "/" and resolves "." segments, which is how
// "/\evil.example", "/\t/evil.example" or "/.//evil.example" escape prefix checks.
// Pure, so the login page and the sign-in action share it.

const BASE = new URL("http://loupe.invalid/");

/** A same-origin path (with query and fragment) to redirect to, or "/" for anything else. */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE.origin) return "/";
  const path = url.pathname + url.search + url.hash;
  // The resolved path is what goes into Location: "//host" there would be another origin again.
  if (!path.startsWith("/") || path.startsWith("//")) return "/";
  return path;
}
