"use client";

// Waterfall of the same rows as the tree, to scale: each bar starts at its offset from the trace
// start and is as wide as its duration. Generations shade the wait before the first token.

import { useId, useMemo, type CSSProperties } from "react";
import { cx } from "@/components/ui/cx";
import { formatDuration } from "@/components/ui/format";
import { computeTimeline, timeTicks } from "./tree";
import { typeClass } from "./type-badge";
import { useTreeRows, type TreeViewProps } from "./use-tree-rows";
import { useVirtualList } from "./use-virtual-list";
import { ROW_HEIGHT } from "./virtual";

export type TimelineProps = TreeViewProps & {
  /** Trace bounds (ISO); widened automatically to cover every observation. */
  traceStartTime?: string | null;
  traceEndTime?: string | null;
  label?: string;
};

const AXIS_HEIGHT = 24;

export function Timeline(props: TimelineProps) {
  const { observations, selectedId, onSelect, traceStartTime, traceEndTime, label = "Timeline" } = props;
  const prefix = useId();
  const list = useVirtualList(ROW_HEIGHT, AXIS_HEIGHT);
  const { rows, selectedIndex, onKeyDown } = useTreeRows(props, list.reveal);
  const scale = useMemo(() => computeTimeline(observations, { start: traceStartTime, end: traceEndTime }), [observations, traceStartTime, traceEndTime]);
  const ticks = useMemo(() => timeTicks(scale.durationMs, 6), [scale.durationMs]);
  const { start, end } = list.rangeFor(rows.length);
  const pct = (ms: number) => (scale.durationMs > 0 ? (ms / scale.durationMs) * 100 : 0);

  return (
    <div
      ref={list.ref}
      className="vlist tl"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={selectedIndex >= start && selectedIndex < end ? `${prefix}-${selectedIndex}` : undefined}
      onScroll={list.onScroll}
      onKeyDown={onKeyDown}
    >
      <div className="tl-axis" style={{ position: "sticky", top: 0, zIndex: 2 }} aria-hidden>
        <div className="tl-track">
          {ticks.map((t) => (
            <span key={t} className="tl-tick" style={{ left: `${pct(t)}%` }}>
              {formatDuration(t)}
            </span>
          ))}
        </div>
      </div>
      <div className="vlist-inner" style={{ height: rows.length * ROW_HEIGHT }}>
        <div className="tl-track" aria-hidden>
          {ticks.map((t) => (
            <span key={t} className="tl-grid" style={{ left: `${pct(t)}%` }} />
          ))}
        </div>
        {rows.slice(start, end).map((row, k) => {
          const i = start + k;
          const o = row.obs;
          const span = scale.spans.get(o.id);
          if (!span) return null;
          const isPoint = span.durationMs === 0;
          const firstToken = o.completionStartTime ? Date.parse(o.completionStartTime) - Date.parse(o.startTime) : Number.NaN;
          const ttftPct = span.durationMs > 0 && firstToken > 0 ? Math.min(100, (firstToken / span.durationMs) * 100) : null;
          // Labels sit right of the bar, or left of it when the bar ends near the right edge,
          // or inside it when it spans nearly the whole width (no room on either side).
          const labelRight = span.offsetPct + span.widthPct < 65;
          const labelInside = !labelRight && span.offsetPct < 35;
          const labelStyle: CSSProperties = labelRight
            ? { left: `calc(${span.offsetPct + span.widthPct}% + 6px)` }
            : labelInside
              ? { left: `calc(${span.offsetPct}% + 6px)`, color: "#fff", textShadow: "0 0 2px rgb(0 0 0 / 0.6)" }
              : { right: `calc(${100 - span.offsetPct}% + 6px)` };
          const barStyle = {
            left: `${span.offsetPct}%`,
            width: `${span.widthPct}%`,
            ...(ttftPct !== null && o.level !== "ERROR"
              ? { background: `linear-gradient(90deg, color-mix(in srgb, var(--type-color) 35%, white) ${ttftPct}%, var(--type-color) ${ttftPct}%)` }
              : {}),
          } as CSSProperties;
          return (
            <div
              key={o.id}
              id={`${prefix}-${i}`}
              role="option"
              aria-selected={o.id === selectedId}
              className={cx("tl-row", o.id === selectedId && "is-selected")}
              style={{ top: i * ROW_HEIGHT }}
              onClick={() => onSelect(o.id)}
              title={`${o.name ?? o.type} · ${formatDuration(span.durationMs)} · starts +${formatDuration(span.offsetMs)}`}
            >
              <div className="tl-track">
                <span className={cx("tl-bar", typeClass(o.type), isPoint && "is-point", o.level === "ERROR" && "is-error")} style={barStyle} />
                <span className="tl-label" style={labelStyle}>
                  <span className="strong">{o.name || o.type.toLowerCase()}</span> {formatDuration(span.durationMs)}
                </span>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
