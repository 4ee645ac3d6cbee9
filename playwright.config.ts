import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// A fresh SQLite file with the demo project for every run; Debian's Chromium, never a downloaded browser.
// In the environment, so test workers (which load this file again) find the same database.
const dir = (process.env.LOUPE_E2E_DIR ??= mkdtempSync(path.join(tmpdir(), "loupe-e2e-")));
const port = Number(process.env.E2E_PORT ?? 3123);

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  workers: 1,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "npm start --silent",
    url: `http://127.0.0.1:${port}/api/public/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      DATABASE_URL: `file:${path.join(dir, "loupe.db")}`,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
