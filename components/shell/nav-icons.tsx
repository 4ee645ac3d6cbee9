// Tiny stroke icons (16px) for the sidebar: no icon package needed.
import type { ReactNode } from "react";

export type NavIconName = "traces" | "sessions" | "observations" | "queues" | "datasets" | "evaluators" | "dashboard" | "users" | "settings";

const PATHS: Record<NavIconName, ReactNode> = {
  traces: <path d="M2 3.5h12M4.5 8h9.5M7 12.5h7M2 3.5v0M4.5 8v0" />,
  sessions: (
    <>
      <rect x="2" y="3" width="12" height="4" rx="1" />
      <rect x="2" y="9" width="12" height="4" rx="1" />
    </>
  ),
  observations: (
    <>
      <circle cx="8" cy="8" r="2.2" />
      <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" />
    </>
  ),
  queues: <path d="M2.5 4h11M2.5 8h11M2.5 12h6M11 11l1.5 1.5L15 10" />,
  datasets: (
    <>
      <ellipse cx="8" cy="4" rx="5.5" ry="2" />
      <path d="M2.5 4v8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2V4M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2" />
    </>
  ),
  evaluators: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M5.2 8.2l1.9 1.9 3.7-4" />
    </>
  ),
  users: (
    <>
      <circle cx="8" cy="5.5" r="2.5" />
      <path d="M3 14c0-2.8 2.2-5 5-5s5 2.2 5 5" />
    </>
  ),
  dashboard: <path d="M2.5 13.5V8M6.2 13.5V4.5M9.8 13.5V9.5M13.5 13.5V2.5" />,
  settings: (
    <>
      <circle cx="8" cy="8" r="2" />
      <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
    </>
  ),
};

export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      {PATHS[name]}
    </svg>
  );
}

/** The Loupe mark: a magnifier over a trace line. */
export function LoupeMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
      <circle cx="8.5" cy="8.5" r="5.5" />
      <path d="M12.5 12.5L17.5 17.5" strokeLinecap="round" />
      <path d="M5.5 8.5h2l1-2 1.5 4 1-2" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
