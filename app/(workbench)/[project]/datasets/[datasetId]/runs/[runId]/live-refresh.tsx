"use client";
// While a run is filling in (it linked an item in the last few minutes), the
// page re-renders itself every few seconds (router.refresh keeps scroll and
// client state): new items and their scores appear without a reload. A
// visible "Live" marker says so, and a button pauses it.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

export const LIVE_INTERVAL_MS = 4000;

export function LiveRefresh({ live, intervalMs = LIVE_INTERVAL_MS }: { live: boolean; intervalMs?: number }) {
  const router = useRouter();
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (!live || paused) return;
    const timer = setInterval(() => {
      // A hidden tab does not need fresh rows; it catches up on the next tick after it shows.
      if (document.visibilityState === "visible") router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [live, paused, intervalMs, router]);
  if (!live) return null;
  return (
    <span className="run-live row gap-1" role="status">
      <span className={paused ? "run-live-dot is-paused" : "run-live-dot"} aria-hidden />
      <span className="strong small">{paused ? "Paused" : "Live"}</span>
      <span className="faint small">{paused ? "updates stopped" : `updating every ${Math.round(intervalMs / 1000)} s`}</span>
      <button type="button" className="link small" onClick={() => setPaused((p) => !p)}>
        {paused ? "Resume" : "Pause"}
      </button>
    </span>
  );
}
