import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";
import "./styles/diff.css";
import "./styles/jobs.css";
import "./styles/datasets.css";
import "./styles/promote.css";
import "./styles/rules.css";
import "./styles/import-export.css";
import "./styles/experiments-runs.css";
import "./styles/dashboard.css";
import "./styles/experiments-trigger.css";
import "./styles/experiments-compare.css";
import "./styles/evaluators.css";
import "./styles/dashboard-more.css";

export const metadata: Metadata = {
  title: { default: "Loupe", template: "%s · Loupe" },
  description: "Trace-to-dataset evaluation workbench for LLM applications",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts need this request's CSP nonce (proxy.ts).
  await headers();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
