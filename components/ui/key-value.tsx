import type { ReactNode } from "react";
import { cx } from "./cx";

export interface KeyValueItem {
  label: ReactNode;
  value: ReactNode;
  /** Monospace value (ids, models, hashes). */
  mono?: boolean;
}

export interface KeyValueProps {
  /** Falsy entries are skipped, so optional rows can be written inline: `cond && {…}`. */
  items: ReadonlyArray<KeyValueItem | null | undefined | false>;
  className?: string;
}

/** A definition list; values that are null/undefined/"" show a dash. */
export function KeyValue({ items, className }: KeyValueProps) {
  return (
    <dl className={cx("kv", className)}>
      {items.map((item, i) =>
        item ? (
          <div key={i} style={{ display: "contents" }}>
            <dt>{item.label}</dt>
            <dd className={item.mono ? "mono" : undefined}>
              {item.value === null || item.value === undefined || item.value === "" ? <span className="faint">—</span> : item.value}
            </dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}
