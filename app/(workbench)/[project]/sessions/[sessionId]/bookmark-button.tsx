"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { setSessionBookmark } from "@/lib/sessions/actions";

export function BookmarkButton({ projectId, sessionId, bookmarked, disabled }: { projectId: string; sessionId: string; bookmarked: boolean; disabled?: boolean }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <>
      <Button
        size="sm"
        aria-pressed={bookmarked}
        disabled={disabled}
        loading={pending}
        onClick={() => start(async () => setError((await setSessionBookmark({ projectId, sessionId, bookmarked: !bookmarked })).error))}
      >
        {bookmarked ? "★ Bookmarked" : "☆ Bookmark"}
      </Button>
      {error && <span className="error-text small" role="alert">{error}</span>}
    </>
  );
}
