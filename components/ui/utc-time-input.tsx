"use client";
// A date-time typed as the app prints it: "2026-01-31 14:05", always UTC. The
// browser's datetime-local picker shows the OS locale (US 12-hour, no zone),
// which disagrees with every time on the page; text in ISO order does not.
import { useState } from "react";
import { formatDate, parseUtcDateTime } from "./format";

export function UtcTimeInput({ label, value, onCommit, width = 150 }: { label: string; value: string | null; onCommit: (iso: string | null) => void; width?: number }) {
  const shown = value ? formatDate(value, { seconds: false }) : "";
  const [text, setText] = useState(shown === "—" ? "" : shown);
  const [bad, setBad] = useState(false);
  const commit = () => {
    const trimmed = text.trim();
    if (!trimmed) {
      setBad(false);
      if (value) onCommit(null);
      return;
    }
    const d = parseUtcDateTime(trimmed);
    setBad(!d);
    if (d && d.getTime() !== (value ? new Date(value).getTime() : NaN)) onCommit(d.toISOString());
  };
  return (
    <span className="row gap-1">
      <input
        className="input mono"
        style={{ width }}
        aria-label={`${label} (UTC)`}
        aria-invalid={bad || undefined}
        title={bad ? "Use YYYY-MM-DD HH:MM (UTC)" : "UTC, like every time in the app"}
        placeholder="YYYY-MM-DD HH:MM"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          }
        }}
      />
      <span className={bad ? "error-text small" : "faint small"}>{bad ? "use YYYY-MM-DD HH:MM" : "UTC"}</span>
    </span>
  );
}
