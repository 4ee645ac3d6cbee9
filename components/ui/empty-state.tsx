import type { ReactNode } from "react";
import { cx } from "./cx";

export interface EmptyStateProps {
  title: ReactNode;
  /** What to do next (e.g. "Send a trace with the SDK, or clear the filters"). */
  description?: ReactNode;
  /** A button or link that does that next thing. */
  action?: ReactNode;
  className?: string;
}

export function EmptyState({ title, description, action, className }: EmptyStateProps) {
  return (
    <div className={cx("empty", className)}>
      <svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden>
        <circle cx="11" cy="11" r="6.5" />
        <path d="M16 16l4.5 4.5" strokeLinecap="round" />
      </svg>
      <p className="empty-title">{title}</p>
      {description && <div className="empty-desc">{description}</div>}
      {action}
    </div>
  );
}
