"use client";

import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { ancestorIds, buildTree, flattenTree, type FlatRow, type TreeNode } from "./tree";
import type { ObservationView } from "@/lib/objects/observation-view";

/** Props shared by the tree and the timeline: same rows, same selection, same collapse state. */
export interface TreeViewProps {
  observations: readonly ObservationView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Controlled collapse state (ids of collapsed nodes); internal state when omitted. */
  collapsed?: ReadonlySet<string>;
  onCollapsedChange?: (next: ReadonlySet<string>) => void;
}

export interface TreeRows {
  roots: TreeNode[];
  rows: FlatRow[];
  selectedIndex: number;
  toggle: (id: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
}

export function useTreeRows(props: TreeViewProps, reveal: (index: number) => void): TreeRows {
  const { observations, selectedId, onSelect, onCollapsedChange } = props;
  const [inner, setInner] = useState<ReadonlySet<string>>(() => new Set());
  const collapsed = props.collapsed ?? inner;
  const setCollapsed = (next: ReadonlySet<string>) => {
    if (props.collapsed === undefined) setInner(next);
    onCollapsedChange?.(next);
  };

  const roots = useMemo(() => buildTree(observations), [observations]);
  const rows = useMemo(() => flattenTree(roots, collapsed), [roots, collapsed]);
  const selectedIndex = useMemo(() => (selectedId === null ? -1 : rows.findIndex((r) => r.obs.id === selectedId)), [rows, selectedId]);

  const toggle = (id: string) => {
    const next = new Set(collapsed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };

  // A selection made elsewhere (the other view, the URL) may sit under a collapsed node: open its ancestors.
  useEffect(() => {
    if (selectedId === null || selectedIndex >= 0) return;
    const hidden = ancestorIds(roots, selectedId).filter((id) => collapsed.has(id));
    if (hidden.length === 0) return;
    const next = new Set(collapsed);
    for (const id of hidden) next.delete(id);
    setCollapsed(next);
    // Deliberately not depending on `collapsed`: this runs when the selection becomes hidden, not on every toggle.
  }, [selectedId, selectedIndex, roots]); // eslint-disable-line react-hooks/exhaustive-deps

  // Keep the selected row in view when it changes, whichever view changed it.
  useEffect(() => {
    if (selectedIndex >= 0) reveal(selectedIndex);
  }, [selectedIndex, reveal]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (rows.length === 0) return;
    const i = selectedIndex;
    const row = i >= 0 ? rows[i] : null;
    let target: number | null = null;
    switch (e.key) {
      case "ArrowDown":
        target = Math.min(rows.length - 1, i + 1);
        break;
      case "ArrowUp":
        target = i < 0 ? 0 : Math.max(0, i - 1);
        break;
      case "Home":
        target = 0;
        break;
      case "End":
        target = rows.length - 1;
        break;
      case "ArrowRight":
        if (row?.hasChildren && row.collapsed) toggle(row.obs.id);
        else if (row?.hasChildren) target = i + 1;
        break;
      case "ArrowLeft":
        if (row?.hasChildren && !row.collapsed) toggle(row.obs.id);
        else if (row?.parentId) target = rows.findIndex((r) => r.obs.id === row.parentId);
        break;
      case "Enter":
      case " ":
        if (row?.hasChildren) toggle(row.obs.id);
        break;
      default:
        return;
    }
    e.preventDefault();
    if (target !== null && target >= 0 && rows[target]) onSelect(rows[target].obs.id);
  };

  return { roots, rows, selectedIndex, toggle, onKeyDown };
}
