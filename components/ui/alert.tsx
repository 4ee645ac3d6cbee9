import type { ReactNode } from "react";
import { cx } from "./cx";

export type AlertTone = "info" | "success" | "warning" | "error";

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Right side, e.g. a retry or dismiss button. */
  action?: ReactNode;
  /** Adds the floating toast look (place inside a `.toasts` container). */
  toast?: boolean;
  className?: string;
}

const GLYPH: Record<AlertTone, string> = { info: "i", success: "✓", warning: "!", error: "!" };

/** Errors are announced immediately (role=alert); the rest politely (role=status). */
export function Alert({ tone = "info", title, children, action, toast = false, className }: AlertProps) {
  return (
    <div className={cx("alert", `alert-${tone}`, toast && "toast", className)} role={tone === "error" ? "alert" : "status"}>
      <span className={cx("badge", `b-${tone}`)} aria-hidden>
        {GLYPH[tone]}
      </span>
      <div className="grow">
        {title && <div className="alert-title">{title}</div>}
        {children && <div>{children}</div>}
      </div>
      {action}
    </div>
  );
}
