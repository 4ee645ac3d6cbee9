"use client";

// The observation hierarchy as nested, collapsible rows. Windowed (fixed row height) so
// traces with thousands of observations stay smooth; keyboard: ↑/↓ move, ←/→ collapse/expand
// or go to parent/child, Enter toggles, Home/End jump.

import { useId } from "react";
import { cx } from "@/components/ui/cx";
import { formatCost, formatDuration } from "@/components/ui/format";
import { NEVER_ENDED_TEXT, observationGaps, usageGapText } from "./gaps";
import { TypeBadge } from "./type-badge";
import { useTreeRows, type TreeViewProps } from "./use-tree-rows";
import { useVirtualList } from "./use-virtual-list";
import { ROW_HEIGHT } from "./virtual";

export type ObservationTreeProps = TreeViewProps & {
  /** Accessible name of the tree. */
  label?: string;
};

const INDENT = 14;
/** Past this depth rows stop indenting (and show their depth) so names stay readable. */
const MAX_INDENT_DEPTH = 20;

function levelClass(level: string): string | false {
  return level === "ERROR" ? "is-error" : level === "WARNING" ? "is-warning" : level === "DEBUG" ? "is-debug" : false;
}

export function ObservationTree(props: ObservationTreeProps) {
  const { selectedId, onSelect, label = "Observations" } = props;
  const prefix = useId();
  const list = useVirtualList(ROW_HEIGHT);
  const { rows, selectedIndex, toggle, onKeyDown } = useTreeRows(props, list.reveal);
  const { start, end } = list.rangeFor(rows.length);

  return (
    <div
      ref={list.ref}
      className="vlist"
      role="tree"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={selectedIndex >= start && selectedIndex < end ? `${prefix}-${selectedIndex}` : undefined}
      onScroll={list.onScroll}
      onKeyDown={onKeyDown}
    >
      {rows.length === 0 && <div className="empty small">No observations in this trace.</div>}
      <div className="vlist-inner" style={{ height: rows.length * ROW_HEIGHT }}>
        {rows.slice(start, end).map((row, k) => {
          const i = start + k;
          const o = row.obs;
          const indent = Math.min(row.depth, MAX_INDENT_DEPTH);
          const gaps = observationGaps(o);
          const usageGap = usageGapText(gaps);
          return (
            <div
              key={o.id}
              id={`${prefix}-${i}`}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-selected={o.id === selectedId}
              aria-expanded={row.hasChildren ? !row.collapsed : undefined}
              className={cx("otree-row", o.id === selectedId && "is-selected", levelClass(o.level))}
              style={{ top: i * ROW_HEIGHT, paddingLeft: 6 + indent * INDENT }}
              onClick={() => onSelect(o.id)}
            >
              {row.hasChildren ? (
                <button
                  type="button"
                  className="otree-twisty"
                  tabIndex={-1}
                  aria-label={row.collapsed ? "Expand" : "Collapse"}
                  onClick={(e) => {
                    e.stopPropagation();
                    toggle(o.id);
                  }}
                >
                  {row.collapsed ? "▶" : "▼"}
                </button>
              ) : (
                <span className="otree-twisty" aria-hidden />
              )}
              {row.depth > MAX_INDENT_DEPTH && <span className="faint small">{row.depth}›</span>}
              <TypeBadge type={o.type} />
              <span className="otree-name" title={o.name ?? undefined}>
                {o.name || <span className="faint">{o.type.toLowerCase()}</span>}
              </span>
              {o.level === "ERROR" && <span className="badge b-error">ERR</span>}
              {usageGap && (
                <span className="badge b-warning" title={usageGap} aria-label={usageGap}>
                  {gaps.noUsage ? "no usage" : "no cost"}
                </span>
              )}
              {gaps.neverEnded && (
                <span className="badge b-warning" title={NEVER_ENDED_TEXT} aria-label={NEVER_ENDED_TEXT}>
                  no end
                </span>
              )}
              <span className="otree-meta">
                {formatDuration(o.latencyMs)}
                {o.totalCost ? ` · ${formatCost(o.totalCost)}` : ""}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
