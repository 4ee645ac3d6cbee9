// Sign-in throttling, redirects after sign-in, security headers and the
// refusals around server actions, over real HTTP against the running servers
// (and, for what needs LOUPE_TRUSTED_PROXIES, a second server on the same database).
import http from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { CANNOT_CREATE_PROJECTS, createProjectWithOwner, mayCreateProjects } from "@/lib/projects/create";
import { isUniqueViolation } from "@/lib/forms";
import { startServer, tempPostgres, tempSqliteUrl, type RunningServer } from "../support/server";
import { basicAuth, dbFor, targets, uid } from "../support/targets";
import { actionResult, callAction, callFormAction, loginFormFields, signIn } from "../support/web";

const WRONG = "Wrong email or password.";
const LOCKED = /^Too many failed sign-in attempts/;
const newEmail = () => `${uid("u")}@example.com`;

describe.each(targets())("sign-in throttle on $name", (t) => {
  const db = dbFor(t);
  let fields: [string, string][];
  beforeAll(async () => {
    fields = await loginFormFields(t.baseUrl);
  });

  it("counts concurrent attempts before checking them, and locks only the attacked account", async () => {
    const victim = newEmail();
    const other = newEmail();
    await createUser({ email: victim, password: "victim-password" }, db);
    await createUser({ email: other, password: "other-password" }, db);
    // Twelve at once, from a client that sends no proxy headers (as every direct client does).
    const replies = await Promise.all(Array.from({ length: 12 }, () => signIn(t.baseUrl, fields, { email: victim, password: "wrong-password" })));
    expect(replies.filter((r) => r.error === WRONG)).toHaveLength(10);
    expect(replies.filter((r) => LOCKED.test(r.error ?? ""))).toHaveLength(2);
    // The victim's account is locked, even with its password and another claimed address...
    const locked = await signIn(t.baseUrl, fields, { email: victim, password: "victim-password" }, { "x-forwarded-for": "203.0.113.9" });
    expect(locked.error).toMatch(LOCKED);
    expect(locked.cookie).toBeNull();
    // ...and every other account, from the same client, signs in.
    const ok = await signIn(t.baseUrl, fields, { email: other, password: "other-password" });
    expect(ok).toMatchObject({ status: 303, location: "/" });
    expect(ok.cookie).toMatch(/^loupe_session=/);
  });

  it("ignores X-Forwarded-For without a trusted proxy: failures under one claimed address lock no other account", async () => {
    const claimed = { "x-forwarded-for": "198.51.100.23" };
    // 55 failures against 55 accounts: past both the account (10) and the address (50) limits.
    const replies = await Promise.all(
      Array.from({ length: 55 }, () => signIn(t.baseUrl, fields, { email: newEmail(), password: "guess-123" }, claimed)),
    );
    expect(replies.every((r) => r.error === WRONG)).toBe(true);
    const email = newEmail();
    await createUser({ email, password: "right-password" }, db);
    expect(await signIn(t.baseUrl, fields, { email, password: "right-password" }, claimed)).toMatchObject({ status: 303 });
  });
});

describe.each(targets())("behind a trusted proxy on $name", (t) => {
  const user = { email: "proxied@itest.dev", password: "proxied-password" };
  let proxied: RunningServer;
  let cleanup: () => Promise<void> | void = () => {};
  let fields: [string, string][];
  beforeAll(async () => {
    // A server of its own (on a fresh database of the same kind), told that the loopback addresses are its proxies.
    let url: string;
    if (t.name === "sqlite") ({ url, cleanup } = tempSqliteUrl());
    else ({ url, drop: cleanup } = await tempPostgres());
    proxied = await startServer({
      DATABASE_URL: url,
      LOUPE_DEMO: "0",
      LOUPE_INIT_USER_EMAIL: user.email,
      LOUPE_INIT_USER_PASSWORD: user.password,
      LOUPE_TRUSTED_PROXIES: "127.0.0.1, ::1",
    });
    fields = await loginFormFields(proxied.baseUrl);
  }, 120_000);
  afterAll(async () => {
    await proxied?.stop();
    await cleanup();
  });

  it("throttles the address the proxy names, which a client cannot change by forging the header", async () => {
    const sprayer = "203.0.113.77";
    // Fifty failures against fifty accounts from one address lock that address.
    await Promise.all(
      Array.from({ length: 50 }, () => signIn(proxied.baseUrl, fields, { email: newEmail(), password: "guess-123" }, { "x-forwarded-for": sprayer })),
    );
    // A forged left part does not help: the proxy appended the address it saw.
    const forged = await signIn(proxied.baseUrl, fields, user, { "x-forwarded-for": `192.0.2.1, ${sprayer}` });
    expect(forged.error).toMatch(LOCKED);
    // The same account from another address signs in: the account itself had no failures.
    const elsewhere = await signIn(proxied.baseUrl, fields, user, { "x-forwarded-for": "203.0.113.78" });
    expect(elsewhere).toMatchObject({ status: 303 });
  });

  it("sends HSTS when the trusted proxy says the request came over HTTPS, and only then", async () => {
    const https = await fetch(`${proxied.baseUrl}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(https.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const plain = await fetch(`${proxied.baseUrl}/login`);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    // The ingestion routes, which proxy.ts skips, set it themselves.
    const ingestion = await fetch(`${proxied.baseUrl}/api/public/ingestion`, { method: "OPTIONS", headers: { "x-forwarded-proto": "https" } });
    expect(ingestion.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect((await fetch(`${proxied.baseUrl}/api/public/ingestion`, { method: "OPTIONS" })).headers.get("strict-transport-security")).toBeNull();
    // The server without trusted proxies believes no client's claim of HTTPS.
    const direct = await fetch(`${t.baseUrl}/api/public/health`, { headers: { "x-forwarded-proto": "https" } });
    expect(direct.headers.get("strict-transport-security")).toBeNull();
  });
});

describe.each(targets())("web security on $name", (t) => {
  const db = dbFor(t);
  let fields: [string, string][];
  let ownerCookie: string;
  beforeAll(async () => {
    fields = await loginFormFields(t.baseUrl);
    const reply = await signIn(t.baseUrl, fields, { email: t.userEmail, password: t.userPassword });
    ownerCookie = reply.cookie!;
    expect(ownerCookie).toBeTruthy();
  });

  // Every way of naming another origin that a prefix check lets through, as the raw `next` value.
  const hostileNext = [
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n\\evil.example",
    "/.//evil.example",
    "///evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(document.domain)",
    "data:text/html,x",
    "evil.example",
  ];

  it("redirects a signed-in visitor of /login only to a path on this origin", async () => {
    const get = (query: string) => fetch(`${t.baseUrl}/login?${query}`, { headers: { cookie: ownerCookie }, redirect: "manual" });
    // The report's own request, byte for byte.
    const reported = await get("next=/%5Cevil.example/");
    expect(reported.status).toBe(307);
    expect(reported.headers.get("location")).toBe("/");
    for (const next of hostileNext) {
      const res = await get(`next=${encodeURIComponent(next)}`);
      expect(res.headers.get("location"), JSON.stringify(next)).toBe("/");
    }
    const fine = await get(`next=${encodeURIComponent("/itest/traces?page=2#top")}`);
    expect(fine.headers.get("location")).toBe("/itest/traces?page=2#top");
  });

  it("sends the sign-in form only to a path on this origin", async () => {
    for (const next of ["/\\evil.example/", "//evil.example", "/\t/evil.example", "https://evil.example"]) {
      const reply = await signIn(t.baseUrl, fields, { email: t.userEmail, password: t.userPassword, next });
      expect(reply, JSON.stringify(next)).toMatchObject({ status: 303, location: "/" });
    }
    const fine = await signIn(t.baseUrl, fields, { email: t.userEmail, password: t.userPassword, next: "/itest/sessions" });
    expect(fine.location).toBe("/itest/sessions");
  });

  it("puts the security headers on pages, redirects, API answers and static files", async () => {
    const html = await fetch(`${t.baseUrl}/login`);
    const body = await html.text();
    const staticFile = /src="(\/_next\/static\/[^"]+\.js)"/.exec(body)![1];
    const responses = [
      html,
      await fetch(`${t.baseUrl}/itest/traces`, { redirect: "manual" }), // to /login
      await fetch(`${t.baseUrl}/itest/traces`, { headers: { cookie: ownerCookie } }),
      await fetch(`${t.baseUrl}/no-such-project/traces`, { headers: { cookie: ownerCookie } }),
      await fetch(`${t.baseUrl}/api/public/health`),
      await fetch(`${t.baseUrl}/api/public/traces`), // 401
      await fetch(`${t.baseUrl}/api/public/traces`, { headers: { authorization: basicAuth(t.publicKey, t.secretKey) } }),
      await fetch(`${t.baseUrl}${staticFile}`),
      // The ingestion routes (proxy.ts skips them): an answer, an error, a refused method, OPTIONS.
      await fetch(`${t.baseUrl}/api/public/ingestion`, { method: "POST", body: '{"batch":[]}', headers: { authorization: basicAuth(t.publicKey, t.secretKey), "content-type": "application/json" } }),
      await fetch(`${t.baseUrl}/api/public/otel/v1/traces`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } }), // 401
      await fetch(`${t.baseUrl}/api/public/ingestion`),
      await fetch(`${t.baseUrl}/api/public/otel/v1/traces`, { method: "OPTIONS" }),
    ];
    expect(responses.slice(-4).map((r) => r.status)).toEqual([207, 401, 405, 204]);
    for (const res of responses) {
      const where = `${res.url} (${res.status})`;
      expect(res.headers.get("x-frame-options"), where).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), where).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), where).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy"), where).toContain("camera=()");
      expect(res.headers.get("strict-transport-security"), where).toBeNull(); // plain HTTP
      if (!res.url.includes("/_next/static/")) expect(res.headers.get("content-security-policy"), where).toContain("frame-ancestors 'none'");
    }
    for (const i of [4, 8, 9, 10, 11]) expect(responses[i].headers.get("content-security-policy")).toContain("default-src 'none'");

    // Pages: scripts only with this response's nonce (and what they load), never inline without it.
    const csp = html.headers.get("content-security-policy")!;
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
    expect(scriptSrc).toContain("'strict-dynamic'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    const scripts = [...body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce per response.
    const again = (await fetch(`${t.baseUrl}/login`)).headers.get("content-security-policy")!;
    expect(again).not.toContain(nonce);
  });

  it("refuses a server action from another origin with 403, not 500", async () => {
    const evil = { origin: "http://evil.example" };
    const form = await signIn(t.baseUrl, fields, { email: t.userEmail, password: t.userPassword }, evil);
    expect(form.status).toBe(403);
    expect(form.cookie).toBeNull();
    const removeModelPrice = { file: "lib/prices/actions.ts", name: "removeModelPrice" };
    for (const origin of ["http://evil.example", "null", `${t.baseUrl.replace("127.0.0.1", "localhost")}`]) {
      const res = await callAction(t.baseUrl, "/itest/settings", removeModelPrice, [{ projectId: "itest", id: "x" }], { cookie: ownerCookie, origin });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: "forbidden" } });
    }
    // The browser's own origin is fine.
    const same = await callAction(t.baseUrl, "/itest/settings", removeModelPrice, [{ projectId: "itest", id: "x" }], { cookie: ownerCookie, origin: t.baseUrl });
    expect(same.status).toBe(200);
  });

  it("says not found when removing another project's price, and deletes nothing", async () => {
    const stranger = await createUser({ email: newEmail(), password: "stranger-password" }, db);
    const other = await createProjectWithOwner(uid("Other"), stranger.id, db);
    const price = await db.modelPrice.create({ data: { projectId: other.id, modelName: uid("m"), matchPattern: "^m$", prices: { input: 1e-6 } } });
    const removeModelPrice = { file: "lib/prices/actions.ts", name: "removeModelPrice" };
    const res = await callAction(t.baseUrl, "/itest/settings", removeModelPrice, [{ projectId: "itest", id: price.id }], { cookie: ownerCookie });
    expect(actionResult(res.text)).toEqual({ ok: false, error: "That price does not exist in this project." });
    expect(await db.modelPrice.count({ where: { id: price.id } })).toBe(1);
    // In its own project the owner can remove it, and hears so.
    const mine = await db.modelPrice.create({ data: { projectId: "itest", modelName: uid("m"), matchPattern: "^m$", prices: { input: 1e-6 } } });
    const done = await callAction(t.baseUrl, "/itest/settings", removeModelPrice, [{ projectId: "itest", id: mine.id }], { cookie: ownerCookie });
    expect(actionResult(done.text)).toEqual({ ok: true });
    expect(await db.modelPrice.count({ where: { id: mine.id } })).toBe(0);
  });

  it("closes the connection after refusing an oversized gzip body, so the next request is not stuck behind it", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const { port } = new URL(t.baseUrl);
    const request = (method: string, path: string, headers: Record<string, string | number>, body?: Buffer) =>
      new Promise<{ status: number; connection?: string; reused: boolean }>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, reused: req.reusedSocket }));
        });
        req.on("error", reject);
        req.end(body);
      });
    try {
      // 20 MB of JSON-ish spaces, 20 KB compressed, then more compressed bytes the server never needs to read.
      const bomb = Buffer.concat([gzipSync(Buffer.alloc(20_000_000, 0x20)), gzipSync(Buffer.alloc(5_000_000, 0x20), { level: 0 })]);
      const refused = await request(
        "POST",
        "/api/public/ingestion",
        { authorization: basicAuth(t.publicKey, t.secretKey), "content-type": "application/json", "content-encoding": "gzip", "content-length": bomb.length },
        bomb,
      );
      expect(refused).toMatchObject({ status: 413, connection: "close" });
      const next = await request("GET", "/api/public/health", {});
      expect(next).toMatchObject({ status: 200, reused: false });
    } finally {
      agent.destroy();
    }
  });
});

describe.each(targets())("projects on $name", (t) => {
  const db = dbFor(t);
  const createProject = { file: "lib/projects/actions.ts", name: "createProject" };

  async function signedIn(email: string, password: string) {
    const reply = await signIn(t.baseUrl, await loginFormFields(t.baseUrl), { email, password });
    expect(reply.cookie, email).toBeTruthy();
    return { cookie: reply.cookie! };
  }

  it("refuses project creation to a viewer, through the server action", async () => {
    const viewer = await createUser({ email: newEmail(), password: "viewer-password" }, db);
    await db.membership.create({ data: { projectId: "itest", userId: viewer.id, role: "viewer" } });
    const name = uid("Viewer project");
    const res = await callFormAction(t.baseUrl, "/", createProject, { name }, await signedIn(viewer.email, "viewer-password"));
    expect(res.result).toEqual({ ok: false, error: CANNOT_CREATE_PROJECTS });
    expect(res.redirect).toBeNull();
    expect(await db.project.count({ where: { name } })).toBe(0);
  });

  it("answers a taken name only about the user's own projects", async () => {
    const stranger = await createUser({ email: newEmail(), password: "stranger-password" }, db);
    const name = uid("Shared");
    await createProjectWithOwner(name, stranger.id, db);
    const owner = await signedIn(t.userEmail, t.userPassword);
    // Another user's project of that name does not stand in the way, nor is it mentioned.
    const made = await callFormAction(t.baseUrl, "/", createProject, { name }, owner);
    expect(made.redirect).toMatch(/^\/[^/]+\/settings/);
    const again = await callFormAction(t.baseUrl, "/", createProject, { name }, owner);
    expect(again.result).toMatchObject({ ok: false, error: `You already have a project named "${name}".` });
    expect(await db.project.count({ where: { name } })).toBe(2);
  });

  it("lets owners, admins and users without a project create projects, not viewers or members of others' projects", async () => {
    const fresh = await createUser({ email: newEmail(), password: "fresh-password" }, db);
    expect(await mayCreateProjects(fresh.id, db)).toBe(true);
    for (const [role, may] of [["viewer", false], ["member", false], ["admin", true], ["owner", true]] as const) {
      const user = await createUser({ email: newEmail(), password: "some-password" }, db);
      await db.membership.create({ data: { projectId: "itest", userId: user.id, role } });
      expect(await mayCreateProjects(user.id, db), role).toBe(may);
    }
  });

  it("keeps project names unique per creator, so a taken name never reveals another user's project", async () => {
    const a = await createUser({ email: newEmail(), password: "password-a1" }, db);
    const b = await createUser({ email: newEmail(), password: "password-b1" }, db);
    const name = uid("Shared name");
    await createProjectWithOwner(name, a.id, db);
    const theirs = await createProjectWithOwner(name, b.id, db);
    expect(theirs.name).toBe(name);
    const again = await createProjectWithOwner(name, a.id, db).catch((e: unknown) => e);
    expect(isUniqueViolation(again)).toBe(true);
    expect(await db.project.count({ where: { name } })).toBe(2);
  });
});
