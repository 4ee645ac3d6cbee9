// Driving the web app over plain HTTP, as a browser without JavaScript would:
// signing in through the login form's server action (progressive enhancement
// posts the form's hidden action fields), and calling a server action the way
// Next's client does (Next-Action header, arguments as JSON), its id taken from
// the build's server-reference manifest.
import { readFileSync } from "node:fs";
import path from "node:path";

export interface SignInReply {
  status: number;
  location: string | null;
  /** "loupe_session=…" when the sign-in set a session cookie. */
  cookie: string | null;
  /** The form's error message, when it shows one. */
  error: string | null;
}

const unescapeHtml = (s: string) => s.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&gt;", ">");

/** The login form's hidden fields (the action reference Next renders for forms without JS). */
export async function loginFormFields(baseUrl: string): Promise<[string, string][]> {
  const html = await (await fetch(`${baseUrl}/login`)).text();
  return [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map((m) => [m[1], unescapeHtml(m[2] ?? "")]);
}

export async function signIn(
  baseUrl: string,
  fields: [string, string][],
  input: { email: string; password: string; next?: string },
  headers: Record<string, string> = {},
): Promise<SignInReply> {
  const form = new FormData();
  for (const [k, v] of fields) form.set(k, v);
  form.set("email", input.email);
  form.set("password", input.password);
  if (input.next !== undefined) form.set("next", input.next);
  const res = await fetch(`${baseUrl}/login`, { method: "POST", body: form, redirect: "manual", headers });
  const text = await res.text();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("loupe_session=") && !c.startsWith("loupe_session=;"));
  return {
    status: res.status,
    location: res.headers.get("location"),
    cookie: cookie ? cookie.split(";")[0] : null,
    error: /role="alert">([^<]*)</.exec(text)?.[1] ?? null,
  };
}

type Manifest = { node: Record<string, { exportedName?: string; filename?: string }> };

export function actionId(filename: string, exportedName: string): string {
  const dist = process.env.LOUPE_DIST_DIR || ".next";
  const file = path.resolve(import.meta.dirname, "../..", dist, "server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  const hit = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName);
  if (!hit) throw new Error(`server action ${exportedName} of ${filename} not in the build`);
  return hit[0];
}

/** Calls a server action as Next's client does; returns the status and the raw flight text of the answer. */
export async function callAction(
  baseUrl: string,
  page: string,
  action: { file: string; name: string },
  args: unknown[],
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; contentType: string | null }> {
  const res = await fetch(`${baseUrl}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "next-action": actionId(action.file, action.name),
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      ...headers,
    },
    body: JSON.stringify(args),
  });
  return { status: res.status, text: await res.text(), contentType: res.headers.get("content-type") };
}

/** The value a server action returned, from the flight answer (row 0 names the row holding it). */
export function actionResult(flight: string): unknown {
  const rows = new Map<string, string>();
  for (const line of flight.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  const root = JSON.parse(rows.get("0") ?? "null") as { a?: string } | null;
  const ref = root?.a?.startsWith("$@") ? root.a.slice(2) : undefined;
  return ref && rows.has(ref) ? JSON.parse(rows.get(ref)!) : undefined;
}

/** Calls a server action that takes (previousState, formData), as a form with useActionState does. */
export async function callFormAction(
  baseUrl: string,
  page: string,
  action: { file: string; name: string },
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; result: unknown; redirect: string | null }> {
  // React's reply encoding: the form's entries under "_1_", then the argument list naming it "$K1".
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
  body.append("0", JSON.stringify([{}, "$K1"]));
  const res = await fetch(`${baseUrl}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": actionId(action.file, action.name), accept: "text/x-component", ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, result: actionResult(text), redirect: res.headers.get("x-action-redirect") };
}
