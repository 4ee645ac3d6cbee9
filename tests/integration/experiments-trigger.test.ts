// "Run experiment" on both databases: the workbench's signed POST reaches a
// receiver (node:http, as scripts/experiment-receiver.ts) that checks the
// signature (timestamped: a late replay is refused) and runs the items through the langfuse 3.x SDK against the same
// server, so the run and its items exist, linked to traces; a refusing, an
// unreachable and a silent endpoint are recorded as such; bad input is
// refused at its field; only admins set the endpoint.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { createDataset } from "@/lib/datasets/datasets";
import { upsertItem } from "@/lib/datasets/items";
import { saveEndpoint } from "@/lib/experiments/endpoint";
import { HEAD_MAX_LINES, triggerExperiment } from "@/lib/experiments/trigger";
import { listTriggers } from "@/lib/experiments/trigger-queries";
import { generateExperimentSecret } from "@/lib/experiments/trigger-schemas";
import { createProjectWithOwner } from "@/lib/projects/create";
import { createReceiver, type ExperimentRequest, type RunResult } from "../../scripts/experiment-receiver";
import { freePort } from "../support/server";
import { dbFor, targets, uid } from "../support/targets";
import { callFormAction, loginFormFields, signIn } from "../support/web";

const saveAction = { file: "lib/experiments/trigger-actions.ts", name: "saveExperimentEndpoint" };
const runAction = { file: "lib/experiments/trigger-actions.ts", name: "runExperiment" };

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/loupe/experiments`;
}
const close = (s: Server) => new Promise<void>((r) => (s.listening ? s.close(() => r()) : r()));

describe.each(targets())("run experiment from the workbench on $name", (t) => {
  const db = dbFor(t);
  const servers: Server[] = [];
  const page = `/${t.projectId}/settings`;
  let owner: { cookie: string };
  let member: { cookie: string };
  let viewer: { cookie: string };

  const signedIn = async (email: string, password: string) => {
    const reply = await signIn(t.baseUrl, await loginFormFields(t.baseUrl), { email, password });
    expect(reply.cookie, email).toBeTruthy();
    return { cookie: reply.cookie! };
  };

  beforeAll(async () => {
    owner = await signedIn(t.userEmail, t.userPassword);
    for (const role of ["member", "viewer"] as const) {
      const u = await createUser({ email: `${uid(role)}@itest.dev`, password: `${role}-password`, name: `A ${role}` }, db);
      await db.membership.create({ data: { projectId: t.projectId, userId: u.id, role } });
      if (role === "member") member = await signedIn(u.email, "member-password");
      else viewer = await signedIn(u.email, "viewer-password");
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map(close));
  });

  it("sends a signed request that a receiver runs through the SDK: the run and every item's trace exist", async () => {
    const ds = await createDataset(db, t.projectId, { name: uid("trigger eval set") });
    const ownerId = (await db.user.findUniqueOrThrow({ where: { email: t.userEmail } })).id;
    await upsertItem(db, ds, { id: uid("q1"), input: "2+2", expectedOutput: "4" }, ownerId);
    await upsertItem(db, ds, { id: uid("q2"), input: { q: "3+3" }, expectedOutput: "6" }, ownerId);
    const secret = generateExperimentSecret();

    let deliveredBody: ExperimentRequest | null = null;
    let resolveRun!: (r: RunResult | Error) => void;
    const runEnded = new Promise<RunResult | Error>((r) => (resolveRun = r));
    const receiver = createReceiver({
      secret,
      langfuse: { publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl },
      task: (input, { payload }) => ({ answer: `${JSON.stringify(input)} with ${(payload as { model: string }).model}` }),
      onRunEnd: (r, req) => {
        deliveredBody = req;
        resolveRun(r);
      },
    });
    servers.push(receiver);
    const url = await listen(receiver);

    // Settings, as the owner does it (the real action over HTTP).
    const saved = await callFormAction(t.baseUrl, page, saveAction, { projectId: t.projectId, url, secret }, owner);
    expect(saved.result).toMatchObject({ ok: true, data: { url, secretHint: `••••${secret.slice(-4)}` } });
    expect(JSON.stringify(saved.result)).not.toContain(secret);

    // "Run experiment" by a member.
    const runName = uid("nightly");
    const sent = await callFormAction(t.baseUrl, `/${t.projectId}/datasets/${ds.id}`, runAction, { projectId: t.projectId, datasetId: ds.id, runName, payload: '{"model":"m-2"}' }, member);
    expect(sent.result).toMatchObject({ ok: true, data: { status: "SENT", httpStatus: 202, runName, url } });
    expect((sent.result as { data: { responseHead: string } }).data.responseHead).toContain('"accepted":true');
    // The receiver answers 202 only to a request whose signature it verified.

    const result = await runEnded;
    if (result instanceof Error) throw result;
    expect(result).toMatchObject({ runName, items: 2, linked: 2, failures: [] });
    expect(deliveredBody).toEqual({ projectId: t.projectId, datasetId: ds.id, datasetName: ds.name, runName, payload: { model: "m-2" } });

    const run = await db.datasetRun.findFirstOrThrow({ where: { projectId: t.projectId, datasetId: ds.id, name: runName }, include: { items: true } });
    expect(run).toMatchObject({ description: "Started from the Loupe workbench", metadata: { model: "m-2" } });
    expect(run.items).toHaveLength(2);
    const traces = await db.trace.findMany({ where: { projectId: t.projectId, id: { in: run.items.map((i) => i.traceId) } } });
    expect(traces).toHaveLength(2);
    expect(traces.map((tr) => tr.output)).toContainEqual({ answer: '"2+2" with m-2' });

    const [recent] = await listTriggers(db, t.projectId, ds.id);
    expect(recent).toMatchObject({ runName, status: "SENT", httpStatus: 202, createdBy: "A member", url });
    const stored = await db.experimentTrigger.findUniqueOrThrow({ where: { id: recent.id } });
    expect(stored.payload).toEqual({ model: "m-2" });
  });

  it("is refused by a receiver holding another secret (the signature is checked, not just present)", async () => {
    const ds = await createDataset(db, t.projectId, { name: uid("wrong secret") });
    const receiver = createReceiver({ secret: generateExperimentSecret(), langfuse: { publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl } });
    servers.push(receiver);
    const url = await listen(receiver);
    const saved = await callFormAction(t.baseUrl, page, saveAction, { projectId: t.projectId, url, secret: generateExperimentSecret() }, owner);
    expect(saved.result).toMatchObject({ ok: true });
    const sent = await callFormAction(t.baseUrl, page, runAction, { projectId: t.projectId, datasetId: ds.id, runName: "r", payload: "" }, owner);
    expect(sent.result).toMatchObject({ ok: true, data: { status: "REFUSED", httpStatus: 401, responseHead: '{"error":"bad signature"}' } });
    expect(await db.datasetRun.count({ where: { datasetId: ds.id } })).toBe(0);
  });

  it("signs the timestamp with the body: a captured request replayed after 5 minutes, or with another timestamp, is refused", async () => {
    const ds = await createDataset(db, t.projectId, { name: uid("replay") });
    const secret = generateExperimentSecret();
    // An endpoint that keeps what it was sent, as someone on the path could.
    let captured: { headers: Record<string, string>; body: string } | null = null;
    const capture = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        captured = { headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") };
        res.writeHead(200).end("ok");
      });
    });
    servers.push(capture);
    const url = await listen(capture);
    expect((await callFormAction(t.baseUrl, page, saveAction, { projectId: t.projectId, url, secret }, owner)).result).toMatchObject({ ok: true });
    const before = Math.floor(Date.now() / 1000);
    const sent = await callFormAction(t.baseUrl, page, runAction, { projectId: t.projectId, datasetId: ds.id, runName: "replayed", payload: "" }, owner);
    expect(sent.result).toMatchObject({ ok: true, data: { status: "SENT", httpStatus: 200 } });
    const got = captured as { headers: Record<string, string>; body: string } | null;
    expect(got).not.toBeNull();
    const timestamp = Number(got!.headers["x-loupe-timestamp"]);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(got!.headers["x-loupe-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);

    const keys = { publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl };
    const replay = async (receiver: Server, headers: Record<string, string>) => {
      servers.push(receiver);
      const res = await fetch(await listen(receiver), { method: "POST", headers: { "content-type": "application/json", ...headers }, body: got!.body });
      return { status: res.status, body: await res.text() };
    };
    const signed = { "x-loupe-signature": got!.headers["x-loupe-signature"], "x-loupe-timestamp": got!.headers["x-loupe-timestamp"] };
    // The receiver's clock 301 s later: the same bytes and headers are refused.
    const later = () => new Date((timestamp + 301) * 1000);
    expect(await replay(createReceiver({ secret, langfuse: keys, now: later }), signed)).toEqual({ status: 401, body: '{"error":"bad signature"}' });
    // A fresh timestamp on the old signature does not verify either.
    expect(await replay(createReceiver({ secret, langfuse: keys, now: later }), { ...signed, "x-loupe-timestamp": String(timestamp + 301) })).toMatchObject({ status: 401 });
    expect(await replay(createReceiver({ secret, langfuse: keys }), { "x-loupe-signature": signed["x-loupe-signature"] })).toMatchObject({ status: 401 });
    // Within the tolerance the request is taken (the dataset is empty: nothing runs).
    let ended!: () => void;
    const done = new Promise<void>((r) => (ended = r));
    expect(await replay(createReceiver({ secret, langfuse: keys, now: () => new Date((timestamp + 299) * 1000), onRunEnd: () => ended() }), signed)).toMatchObject({ status: 202 });
    await done;
  });

  it("refuses a bad URL (or one with credentials), a missing secret and a bad payload at their fields, and a member's or viewer's settings change", async () => {
    const bad = await callFormAction(t.baseUrl, page, saveAction, { projectId: t.projectId, url: "ftp://example.com/x", secret: "" }, owner);
    expect(bad.result).toMatchObject({ ok: false, fieldErrors: { url: "must start with http:// or https://" } });
    const notUrl = await callFormAction(t.baseUrl, page, saveAction, { projectId: t.projectId, url: "example.com/run", secret: "" }, owner);
    expect(notUrl.result).toMatchObject({ ok: false, fieldErrors: { url: expect.stringContaining("full URL") } });
    const withCredentials = await callFormAction(t.baseUrl, page, saveAction, { projectId: t.projectId, url: "https://deploy:hunter2@app.example.com/run", secret: "" }, owner);
    expect(withCredentials.result).toMatchObject({ ok: false, fieldErrors: { url: expect.stringContaining("must not contain a user name or password") } });
    const shortSecret = await callFormAction(t.baseUrl, page, saveAction, { projectId: t.projectId, url: "https://example.com/x", secret: "short" }, owner);
    expect(shortSecret.result).toMatchObject({ ok: false, fieldErrors: { secret: expect.stringContaining("at least 16") } });
    const byMember = await callFormAction(t.baseUrl, page, saveAction, { projectId: t.projectId, url: "https://evil.example/x", secret: "" }, member);
    expect(byMember.result).toEqual({ ok: false, error: "Your role (member) cannot do this." });
    // The endpoint the first test saved is untouched by every refusal.
    expect((await db.project.findUniqueOrThrow({ where: { id: t.projectId } })).experimentUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/loupe\/experiments$/);

    const ds = await createDataset(db, t.projectId, { name: uid("payload checks") });
    const before = await db.experimentTrigger.count({ where: { datasetId: ds.id } });
    const badPayload = await callFormAction(t.baseUrl, page, runAction, { projectId: t.projectId, datasetId: ds.id, runName: "r", payload: "{model: m}" }, member);
    expect(badPayload.result).toMatchObject({ ok: false, fieldErrors: { payload: expect.stringContaining("is not valid JSON") } });
    const noName = await callFormAction(t.baseUrl, page, runAction, { projectId: t.projectId, datasetId: ds.id, runName: "  ", payload: "" }, member);
    expect(noName.result).toMatchObject({ ok: false, fieldErrors: { runName: "must not be empty" } });
    const byViewer = await callFormAction(t.baseUrl, page, runAction, { projectId: t.projectId, datasetId: ds.id, runName: "r", payload: "" }, viewer);
    expect(byViewer.result).toEqual({ ok: false, error: "Your role (viewer) cannot do this." });
    expect(await db.experimentTrigger.count({ where: { datasetId: ds.id } })).toBe(before);
  });

  describe("endpoints that do not take the request", () => {
    let projectId: string;
    let datasetId: string;
    let userId: string;
    const secret = generateExperimentSecret();

    beforeAll(async () => {
      userId = (await createUser({ email: `${uid("bob")}@itest.dev`, password: "password-123", name: "Bob" }, db)).id;
      projectId = (await createProjectWithOwner(uid("trigger"), userId, db)).id;
      datasetId = (await createDataset(db, projectId, { name: uid("ds") })).id;
    });

    it("without an endpoint, refuses to send and says to set one", async () => {
      await expect(triggerExperiment(db, projectId, { datasetId, runName: "r", payload: null }, userId)).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("Settings") });
      await expect(saveEndpoint(db, projectId, { url: "https://example.com/x", secret: "" })).rejects.toMatchObject({ code: "invalid", path: ["secret"] });
    });

    it("records a refusal with its status and the first lines of its answer", async () => {
      const body = Array.from({ length: 40 }, (_, i) => `<b>line ${i + 1}</b> Traceback: KeyError('model')`).join("\n");
      const refusing = createServer((_req, res) => {
        res.writeHead(500, { "content-type": "text/html" });
        res.end(body);
      });
      servers.push(refusing);
      await saveEndpoint(db, projectId, { url: await listen(refusing), secret });
      const trig = await triggerExperiment(db, projectId, { datasetId, runName: "refused run", payload: { a: 1 } }, userId);
      expect(trig).toMatchObject({ status: "REFUSED", httpStatus: 500 });
      const lines = trig.responseHead!.split("\n");
      expect(lines).toHaveLength(HEAD_MAX_LINES + 1);
      expect(lines[0]).toBe("<b>line 1</b> Traceback: KeyError('model')");
      expect(lines.at(-1)).toBe("…");
      expect(trig.responseHead).not.toContain("line 21<");
      // A redirect is an answer too, never followed (a POST must not become a GET elsewhere).
      const redirecting = createServer((_req, res) => {
        res.writeHead(302, { location: "http://127.0.0.1:9/" });
        res.end();
      });
      servers.push(redirecting);
      await saveEndpoint(db, projectId, { url: await listen(redirecting), secret: "" });
      expect(await triggerExperiment(db, projectId, { datasetId, runName: "moved", payload: null }, userId)).toMatchObject({ status: "REFUSED", httpStatus: 302, responseHead: null });
    });

    it("with LOUPE_EXPERIMENT_ENDPOINTS=public, refuses a loopback endpoint (literal or by name) without connecting; `any` sends to it", async () => {
      let hits = 0;
      const local = createServer((_req, res) => {
        hits++;
        res.writeHead(202).end("taken");
      });
      servers.push(local);
      const url = await listen(local);
      await saveEndpoint(db, projectId, { url, secret: "" });
      const refused = await triggerExperiment(db, projectId, { datasetId, runName: "to loopback", payload: null }, userId, { endpoints: "public" });
      expect(refused).toMatchObject({ status: "UNREACHABLE", httpStatus: null, responseHead: expect.stringContaining("127.0.0.1, a loopback address: this server sends experiments only to public addresses") });
      // By name: refused after DNS resolution, by the lookup the socket uses.
      await saveEndpoint(db, projectId, { url: url.replace("127.0.0.1", "localhost"), secret: "" });
      const byName = await triggerExperiment(db, projectId, { datasetId, runName: "to localhost", payload: null }, userId, { endpoints: "public" });
      expect(byName).toMatchObject({ status: "UNREACHABLE", responseHead: expect.stringMatching(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/) });
      expect(hits).toBe(0);
      await saveEndpoint(db, projectId, { url, secret: "" });
      expect(await triggerExperiment(db, projectId, { datasetId, runName: "to loopback", payload: null }, userId, { endpoints: "any" })).toMatchObject({ status: "SENT", httpStatus: 202, responseHead: "taken" });
      expect(hits).toBe(1);
      await db.experimentTrigger.deleteMany({ where: { datasetId, runName: { in: ["to loopback", "to localhost"] } } });
    });

    it("records a closed port as unreachable with the network error, and a silent endpoint after the timeout", async () => {
      const port = await freePort();
      await saveEndpoint(db, projectId, { url: `http://127.0.0.1:${port}/run`, secret: "" });
      const trig = await triggerExperiment(db, projectId, { datasetId, runName: "nobody home", payload: null }, userId);
      expect(trig).toMatchObject({ status: "UNREACHABLE", httpStatus: null });
      expect(trig.responseHead).toContain("ECONNREFUSED");

      const silent = createServer(() => undefined); // takes the request, never answers
      servers.push(silent);
      await saveEndpoint(db, projectId, { url: await listen(silent), secret: "" });
      const t0 = Date.now();
      const slow = await triggerExperiment(db, projectId, { datasetId, runName: "silent", payload: null }, userId, { timeoutMs: 400 });
      expect(slow).toMatchObject({ status: "UNREACHABLE", responseHead: "no answer within 400 ms" });
      expect(Date.now() - t0).toBeLessThan(5_000);
      silent.closeAllConnections();

      const rows = await listTriggers(db, projectId, datasetId);
      expect(rows.map((r) => [r.runName, r.status])).toEqual([
        ["silent", "UNREACHABLE"],
        ["nobody home", "UNREACHABLE"],
        ["moved", "REFUSED"],
        ["refused run", "REFUSED"],
      ]);
      expect(rows[0].createdBy).toBe("Bob");
    });
  });
});
