"use client";

import type { Column } from "@tanstack/react-table";
import { Button } from "@/components/ui/button";
import { moveColumn, type ColumnPrefs } from "./column-prefs";

export interface ColumnChooserProps<TData> {
  /** Leaf columns in display order. */
  columns: Column<TData, unknown>[];
  order: string[];
  prefs: ColumnPrefs;
  onChange: (next: ColumnPrefs | null) => void;
}

export function columnLabel<TData>(col: Column<TData, unknown>): string {
  const header = col.columnDef.header;
  return col.columnDef.meta?.label ?? (typeof header === "string" ? header : col.id);
}

/** Show/hide and reorder columns; a details/summary popover so it needs no open state or outside-click code. */
export function ColumnChooser<TData>({ columns, order, prefs, onChange }: ColumnChooserProps<TData>) {
  const toggle = (id: string, visible: boolean) => onChange({ order, visibility: { ...prefs.visibility, [id]: visible } });
  const move = (id: string, delta: -1 | 1) => onChange({ order: moveColumn(order, id, delta), visibility: prefs.visibility });
  const visibleCount = columns.filter((c) => c.getIsVisible()).length;

  return (
    <details className="menu">
      <summary className="btn btn-secondary btn-sm">
        Columns
        <span className="badge b-neutral">
          {visibleCount}/{columns.length}
        </span>
      </summary>
      <div className="menu-panel" role="group" aria-label="Columns">
        {columns.map((col, i) => {
          const label = columnLabel(col);
          const canHide = col.getCanHide();
          return (
            <div key={col.id} className="menu-item" style={{ cursor: "default" }}>
              <label className="check grow">
                <input
                  type="checkbox"
                  checked={col.getIsVisible()}
                  disabled={!canHide || (col.getIsVisible() && visibleCount === 1)}
                  onChange={(e) => toggle(col.id, e.target.checked)}
                />
                <span className="ellipsis">{label}</span>
              </label>
              <Button size="sm" variant="ghost" icon aria-label={`Move ${label} up`} disabled={i === 0} onClick={() => move(col.id, -1)}>
                ↑
              </Button>
              <Button size="sm" variant="ghost" icon aria-label={`Move ${label} down`} disabled={i === columns.length - 1} onClick={() => move(col.id, 1)}>
                ↓
              </Button>
            </div>
          );
        })}
        <div className="menu-sep" />
        <button type="button" className="menu-item muted" onClick={() => onChange(null)}>
          Reset to default
        </button>
      </div>
    </details>
  );
}
