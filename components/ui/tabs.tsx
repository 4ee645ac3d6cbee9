import Link from "next/link";
import type { KeyboardEvent, ReactNode } from "react";
import { cx } from "./cx";

export interface TabItem<T extends string = string> {
  id: T;
  label: ReactNode;
  /** Small count badge, e.g. number of scores. */
  count?: number;
  disabled?: boolean;
}

export interface TabsProps<T extends string> {
  items: readonly TabItem<T>[];
  value: T;
  onChange: (id: T) => void;
  /** Accessible name of the tab list. */
  label?: string;
  /** Prefix for tab/panel ids: tabs get `${idPrefix}-tab-${id}`, and point at `${idPrefix}-panel-${id}`. */
  idPrefix?: string;
  className?: string;
}

/** Arrow keys move between tabs, as in the WAI-ARIA tabs pattern. */
function onArrow(e: KeyboardEvent<HTMLDivElement>) {
  if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "Home" && e.key !== "End") return;
  const tabs = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]:not([disabled])'));
  const i = tabs.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  e.preventDefault();
  const next =
    e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : (i + (e.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length;
  tabs[next].focus();
  tabs[next].click();
}

/** Controlled tabs for client components (state lives in the parent). */
export function Tabs<T extends string>({ items, value, onChange, label, idPrefix, className }: TabsProps<T>) {
  return (
    <div className={cx("tabs", className)} role="tablist" aria-label={label} onKeyDown={onArrow}>
      {items.map((t) => {
        const active = t.id === value;
        return (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={idPrefix ? `${idPrefix}-tab-${t.id}` : undefined}
            aria-controls={idPrefix ? `${idPrefix}-panel-${t.id}` : undefined}
            aria-selected={active}
            tabIndex={active ? 0 : -1}
            disabled={t.disabled}
            className={cx("tab", active && "is-active")}
            onClick={() => onChange(t.id)}
          >
            {t.label}
            {t.count !== undefined && <span className="badge b-neutral">{t.count}</span>}
          </button>
        );
      })}
    </div>
  );
}

export interface LinkTabItem {
  href: string;
  label: ReactNode;
  active: boolean;
  count?: number;
}

/** URL-driven tabs for server pages (e.g. ?tab=scores); each tab is a real link. */
export function LinkTabs({ items, label, className }: { items: readonly LinkTabItem[]; label?: string; className?: string }) {
  return (
    <nav className={cx("tabs", className)} aria-label={label}>
      {items.map((t) => (
        <Link key={t.href} href={t.href} className={cx("tab", t.active && "is-active")} aria-current={t.active ? "page" : undefined}>
          {t.label}
          {t.count !== undefined && <span className="badge b-neutral">{t.count}</span>}
        </Link>
      ))}
    </nav>
  );
}
