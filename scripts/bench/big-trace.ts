// `npm run bench:big-trace`: what opening a big trace costs.
//
//   npm run bench:big-trace -- [--runs 5] [--input-mb 5] [--no-server] [--no-browser] [--screenshots DIR] [--keep]
//
// Builds a fresh temp SQLite database (migrated like production) with the demo
// user, ingests through the real ingestion path (ingestEvents) one trace of
// 2,000 observations and one of 10,000 (nested spans, generations with model
// and usage, tools, a few KB of IO each; trace input --input-mb MB), then
// prints p50/p95 of:
//   - the data loading the trace page does on the server (its lib readers), and
//     the bytes of the observation list it hands to the client;
//   - against `next start` on the worktree's build (.next, or LOUPE_DIST_DIR to
//     compare another build; `npx next build --webpack` first): the page's HTTP
//     time to first byte, to the whole HTML, and its size;
//   - in Chromium (one open tab, navigations from the address bar): until the
//     tree shows rows, until the timeline shows bars (its tab clicked until the
//     page is hydrated), and until the selected observation's input shows (the
//     root, with the huge input, and a generation); plus the browser's own
//     response end, first contentful paint and DOMContentLoaded.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { batches, bigObservationId, bigTraceEvents } from "../../tests/support/big-trace";
import { startServer } from "../../tests/support/server";
import { loginFormFields, signIn } from "../../tests/support/web";

const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    "input-mb": { type: "string", default: "5" },
    "no-server": { type: "boolean", default: false },
    "no-browser": { type: "boolean", default: false },
    /** A folder for screenshots of the 2,000-observation trace (root selected, its input whole, the timeline). */
    screenshots: { type: "string" },
    keep: { type: "boolean", default: false },
    /** Internal: fill this folder's database and time the readers, then exit (the server needs the file to itself). */
    "data-in": { type: "string" },
  },
});
const RUNS = Number(opts.runs);
const INPUT_CHARS = Math.round(Number(opts["input-mb"]) * 1_000_000);
const PROJECT = "demo";
const TRACES = [
  { id: "big-2k", observations: 2_000 },
  { id: "big-10k", observations: 10_000 },
];

const dir = opts["data-in"] ?? mkdtempSync(path.join(tmpdir(), "loupe-bench-big-"));
const DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
// The page's readers use the process-wide client: it reads DATABASE_URL when first imported.
process.env.DATABASE_URL = DATABASE_URL;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (x: number) => `${(x / 1_000_000).toFixed(2)} MB`;
const row = (label: string, xs: number[], fmt = ms) => console.log(`  ${label.padEnd(44)} p50 ${fmt(pct(xs, 50)).padStart(9)}   p95 ${fmt(pct(xs, 95)).padStart(9)}`);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

async function fill() {
  const { applyMigrations } = await import("../../lib/db/migrate");
  const { databaseTarget } = await import("../../lib/db/url");
  await applyMigrations(databaseTarget());
  const { db, dbReady } = await import("../../lib/db/client");
  await dbReady();
  const { ensureDemo } = await import("../../lib/setup/demo");
  const { ingestEvents } = await import("../../lib/ingest/service");
  await ensureDemo(db, 20); // the demo user to sign in as; a few traces so the project is not empty
  for (const t of TRACES) {
    const events = bigTraceEvents({ traceId: t.id, observations: t.observations, inputChars: INPUT_CHARS });
    const t0 = performance.now();
    for (const b of batches(events)) await ingestEvents(PROJECT, b);
    console.log(`ingested ${t.id}: ${t.observations.toLocaleString()} observations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

/** The page's server-side reads (page.tsx's Promise.all), as the page runs them. */
async function serverLoading() {
  const q = await import("../../lib/traces/queries");
  const io = await import("../../lib/traces/trace-io");
  const o = await import("../../lib/objects/observations");
  console.log(`\nserver-side loading (the page's readers, ${RUNS} runs)`);
  for (const t of TRACES) {
    const root = bigObservationId(t.id, 0);
    const all: number[] = [];
    const list: number[] = [];
    const ios: number[] = [];
    const detail: number[] = [];
    let listBytes = 0;
    let ioBytes = 0;
    let detailBytes = 0;
    for (let r = 0; r < RUNS; r++) {
      const [, whole] = await timed(() =>
        Promise.all([q.traceHeader(PROJECT, t.id), io.traceIoForPage(PROJECT, t.id), o.traceObservationSummaries(PROJECT, t.id), o.observationDetail(PROJECT, t.id, root), q.traceScores(PROJECT, t.id)]),
      );
      all.push(whole);
      const [obs, l] = await timed(() => o.traceObservationSummaries(PROJECT, t.id));
      list.push(l);
      listBytes = JSON.stringify(obs).length;
      const [tio, i] = await timed(() => io.traceIoForPage(PROJECT, t.id));
      ios.push(i);
      ioBytes = JSON.stringify(tio).length;
      const [d, dt] = await timed(() => o.observationDetail(PROJECT, t.id, root));
      detail.push(dt);
      detailBytes = JSON.stringify(d).length;
    }
    console.log(` ${t.id}`);
    row("all of them (parallel, root selected)", all);
    row(`observation summaries (${mb(listBytes)} as JSON)`, list);
    row(`trace input/output (${mb(ioBytes)} sent)`, ios);
    row(`root observation's detail (${mb(detailBytes)} sent)`, detail);
  }
}

async function http(baseUrl: string, cookie: string) {
  console.log(`\nHTTP GET of the trace page (${RUNS} runs)`);
  for (const t of TRACES) {
    const ttfb: number[] = [];
    const full: number[] = [];
    let size = 0;
    for (let r = 0; r < RUNS + 1; r++) {
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}/${PROJECT}/traces/${t.id}`, { headers: { cookie } });
      const reader = res.body!.getReader();
      let first = 0;
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!first) first = performance.now() - t0;
        bytes += value.length;
      }
      if (res.status !== 200) throw new Error(`GET ${t.id}: ${res.status}`);
      if (r === 0) continue; // the first request warms the route
      ttfb.push(first);
      full.push(performance.now() - t0);
      size = bytes;
    }
    console.log(` ${t.id}`);
    row("time to first byte", ttfb);
    row(`whole HTML (${mb(size)})`, full);
  }
}

async function browser(baseUrl: string, cookie: string) {
  const { chromium } = await import("playwright-core");
  const b = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const [name, value] = cookie.split("=");
  const context = await b.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name, value, url: baseUrl }]);
  console.log(`\nChromium, from navigation (${RUNS} runs)`);
  // The selected observation's input is shown: its section holds no placeholder and some text.
  const inputShown = () => {
    const detail = document.querySelector('[aria-label="Observation detail"]');
    const input = [...(detail?.querySelectorAll("section.io") ?? [])].find((s) => s.querySelector(".io-title")?.textContent === "Input");
    return !!input && !input.querySelector('[aria-label="Loading"]') && (input.textContent ?? "").length > 40;
  };
  for (const t of TRACES) {
    const tree: number[] = [];
    const timeline: number[] = [];
    const rootIo: number[] = [];
    const genIo: number[] = [];
    const response: number[] = [];
    const fcp: number[] = [];
    const dcl: number[] = [];
    // A tab the reader already has open (a fresh tab's renderer start-up is not the page's cost).
    const page = await context.newPage();
    for (let r = 0; r < RUNS + 1; r++) {
      let t0 = performance.now();
      await page.goto(`${baseUrl}/${PROJECT}/traces/${t.id}`, { waitUntil: "commit" });
      await page.getByRole("treeitem").first().waitFor();
      const treeMs = performance.now() - t0;
      // The browser's own clock: the HTML received, first paint, and the page's scripts run (DOMContentLoaded).
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN;
        return { response: n.responseEnd, fcp, dcl: n.domContentLoadedEventEnd };
      });
      // Before hydration a click does nothing: click again, as a user would, until the timeline shows.
      const bars = page.getByRole("listbox", { name: "Timeline" }).getByRole("option").first();
      for (;;) {
        await page.getByRole("tab", { name: "Timeline" }).click();
        if (await bars.waitFor({ timeout: 100 }).then(() => true, () => false)) break;
        if (performance.now() - t0 > 60_000) throw new Error("the timeline never showed");
      }
      const timelineMs = performance.now() - t0;
      t0 = performance.now();
      await page.goto(`${baseUrl}/${PROJECT}/traces/${t.id}?observation=${bigObservationId(t.id, 0)}`, { waitUntil: "commit" });
      await page.waitForFunction(inputShown, undefined, { timeout: 60_000, polling: 20 });
      const rootMs = performance.now() - t0;
      t0 = performance.now();
      await page.goto(`${baseUrl}/${PROJECT}/traces/${t.id}?observation=${bigObservationId(t.id, 2)}`, { waitUntil: "commit" });
      await page.waitForFunction(inputShown, undefined, { timeout: 60_000, polling: 20 });
      const genMs = performance.now() - t0;
      await page.goto("about:blank");
      if (r === 0) continue; // warm-up
      tree.push(treeMs);
      response.push(nav.response);
      fcp.push(nav.fcp);
      dcl.push(nav.dcl);
      timeline.push(timelineMs);
      rootIo.push(rootMs);
      genIo.push(genMs);
    }
    await page.close();
    console.log(` ${t.id}`);
    row("HTML received (navigation timing)", response);
    row("first contentful paint", fcp);
    row("DOMContentLoaded (scripts ran)", dcl);
    row("tree rows visible", tree);
    row("timeline bars visible (clicking its tab)", timeline);
    row("root observation's input visible (huge)", rootIo);
    row("a generation's input visible", genIo);
  }
  if (opts.screenshots) await screenshots(context, baseUrl, opts.screenshots);
  await b.close();
}

/** Filling and the reader timings run in a child process: its SQLite handles are gone when the server migrates the file. */
function dataPhase(): Promise<void> {
  const args = ["--conditions=react-server", import.meta.filename, "--data-in", dir, "--runs", String(RUNS), "--input-mb", String(opts["input-mb"])];
  const child = spawn(path.resolve(import.meta.dirname, "../../node_modules/.bin/tsx"), args, { stdio: "inherit", env: process.env });
  return new Promise((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`data phase exited ${code}`)))));
}

async function screenshots(context: import("playwright-core").BrowserContext, baseUrl: string, out: string) {
  const page = await context.newPage();
  const id = TRACES[0].id;
  await page.goto(`${baseUrl}/${PROJECT}/traces/${id}?observation=${bigObservationId(id, 0)}`);
  const detail = page.getByRole("article", { name: "Observation detail" });
  await detail.getByRole("button", { name: /^Show all/ }).first().waitFor();
  await page.screenshot({ path: path.join(out, "big-2k-root.png"), fullPage: true });
  const t0 = performance.now();
  await detail.getByRole("button", { name: /^Show all/ }).first().click();
  await detail.locator('section[aria-label="Input (clipped)"]').waitFor({ state: "detached", timeout: 60_000 });
  console.log(`  the root's whole input (Show all) shown in ${ms(performance.now() - t0)}`);
  await page.screenshot({ path: path.join(out, "big-2k-root-whole.png"), fullPage: true });
  await page.getByRole("tab", { name: "Timeline" }).click();
  await page.getByRole("listbox", { name: "Timeline" }).getByRole("option").first().waitFor();
  await page.getByRole("listbox", { name: "Timeline" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, "big-2k-timeline.png") });
  await page.close();
  console.log(`  screenshots in ${out}`);
}

async function main() {
  if (opts["data-in"]) {
    await fill();
    await serverLoading();
    const { db } = await import("../../lib/db/client");
    await db.$disconnect();
    return;
  }
  console.log(`database: ${dir}`);
  await dataPhase();
  if (opts["no-server"]) return;
  const server = await startServer({ DATABASE_URL, LOUPE_DEMO: "1" });
  try {
    const login = await signIn(server.baseUrl, await loginFormFields(server.baseUrl), { email: "demo@loupe.dev", password: "loupe-demo" });
    if (!login.cookie) throw new Error(`sign-in failed: ${login.status} ${login.error ?? ""}`);
    await http(server.baseUrl, login.cookie);
    if (!opts["no-browser"]) await browser(server.baseUrl, login.cookie);
  } finally {
    await server.stop();
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!opts.keep && !opts["data-in"]) rmSync(dir, { recursive: true, force: true });
    // The demo's background nudges (rules, evaluators) keep timers: leave when done.
    setTimeout(() => process.exit(), 100).unref();
  });
