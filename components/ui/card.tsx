import type { ReactNode } from "react";
import { cx } from "./cx";

export interface CardProps {
  title?: ReactNode;
  /** Right side of the header (buttons, links). */
  actions?: ReactNode;
  footer?: ReactNode;
  /** No body padding, for tables and viewers that bring their own. */
  flush?: boolean;
  className?: string;
  children?: ReactNode;
}

export function Card({ title, actions, footer, flush = false, className, children }: CardProps) {
  return (
    <section className={cx("card", className)}>
      {(title || actions) && (
        <header className="card-head">
          {title && <h2 className="card-title grow">{title}</h2>}
          {!title && <span className="spacer" />}
          {actions}
        </header>
      )}
      {flush ? children : <div className="card-body">{children}</div>}
      {footer && <footer className="card-foot">{footer}</footer>}
    </section>
  );
}

export interface StatProps {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
}

/** A labelled headline number for dashboard cards. */
export function Stat({ label, value, hint }: StatProps) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {hint && <span className="hint">{hint}</span>}
    </div>
  );
}
