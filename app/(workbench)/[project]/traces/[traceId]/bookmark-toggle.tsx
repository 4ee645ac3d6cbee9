"use client";
// The trace page's star: flips at once, rolls back if the server says no.
import { useOptimistic, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { setTraceBookmark } from "@/lib/traces/actions";

export function BookmarkToggle({ projectId, traceId, bookmarked, disabled }: { projectId: string; traceId: string; bookmarked: boolean; disabled?: boolean }) {
  const [value, setOptimistic] = useOptimistic(bookmarked);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const toggle = () =>
    start(async () => {
      setOptimistic(!value);
      const res = await setTraceBookmark({ projectId, traceId, value: !value });
      setError(res.ok ? undefined : res.error);
    });
  return (
    <>
      <Button size="sm" variant={value ? "secondary" : "ghost"} aria-pressed={value} disabled={disabled || pending} onClick={toggle} title={disabled ? "Viewers cannot bookmark" : undefined}>
        <span aria-hidden style={{ color: value ? "var(--warning)" : undefined }}>
          {value ? "★" : "☆"}
        </span>
        {value ? "Bookmarked" : "Bookmark"}
      </Button>
      {error && (
        <span role="alert" className="error-text">
          {error}
        </span>
      )}
    </>
  );
}
