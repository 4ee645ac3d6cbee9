"use client";

// Collapsible JSON viewer that stays usable for multi-megabyte payloads:
// - children render only when their node is expanded, in pages of CHUNK entries;
// - long strings show a preview with "show all";
// - the raw JSON text is built only when the raw view is opened (and then once, memoised),
//   and the copy button stringifies on click.
// Keys and values are untrusted: everything is a text node.

import { useMemo, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { cx } from "@/components/ui/cx";
import { LongText } from "./long-text";
import { toJsonText } from "./stringify";

const CHUNK = 100;
// Ingestion refuses payloads nested deeper than 100 levels; the server cuts
// older ones for display. This bound keeps the tree itself safe for any value
// it is handed: beyond it a node shows its size and points to the raw view.
const MAX_RENDER_DEPTH = 200;
const STRING_PREVIEW = 500;
const RAW_PREVIEW = 100_000;

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === "object" && v !== null;
}

function Primitive({ value }: { value: unknown }) {
  if (value === null) return <span className="jt-null">null</span>;
  if (value === undefined) return <span className="jt-null">undefined</span>;
  if (typeof value === "string") {
    if (value === "") return <span className="jt-str">&quot;&quot;</span>;
    return <LongText className="jt-str" text={value} limit={STRING_PREVIEW} />;
  }
  if (typeof value === "number" || typeof value === "bigint") return <span className="jt-num">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="jt-bool">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function Label({ name }: { name: string | number | null }) {
  if (name === null) return null;
  return typeof name === "number" ? <span className="jt-idx">{name}:</span> : <span className="jt-key" title={name}>{name}:</span>;
}

interface NodeProps {
  name: string | number | null;
  value: unknown;
  depth: number;
  expandDepth: number;
}

function JsonNode({ name, value, depth, expandDepth }: NodeProps) {
  const [open, setOpen] = useState(depth < expandDepth);
  const [limit, setLimit] = useState(CHUNK);

  if (!isContainer(value)) {
    return (
      <div className="jt-row">
        <span className="jt-leaf-pad" />
        <Label name={name} />
        <Primitive value={value} />
      </div>
    );
  }

  const isArray = Array.isArray(value);
  // Object.keys once per render of this node only; closed nodes never touch their grandchildren.
  const keys = isArray ? null : Object.keys(value);
  const size = isArray ? value.length : keys!.length;
  const summary = isArray ? `[${size} ${size === 1 ? "item" : "items"}]` : `{${size} ${size === 1 ? "key" : "keys"}}`;

  if (size === 0) {
    return (
      <div className="jt-row">
        <span className="jt-leaf-pad" />
        <Label name={name} />
        <span className="jt-count">{isArray ? "[]" : "{}"}</span>
      </div>
    );
  }

  if (depth >= MAX_RENDER_DEPTH) {
    return (
      <div className="jt-row">
        <span className="jt-leaf-pad" />
        <Label name={name} />
        <span className="jt-count faint">{summary} nested deeper than {MAX_RENDER_DEPTH} levels (see Raw)</span>
      </div>
    );
  }

  const shown = Math.min(size, limit);
  return (
    <div className="jt-node">
      <div className="jt-row">
        <button type="button" className="jt-toggle" aria-expanded={open} aria-label={open ? "Collapse" : "Expand"} onClick={() => setOpen(!open)}>
          {open ? "▼" : "▶"}
        </button>
        <Label name={name} />
        <button type="button" className="link jt-count" onClick={() => setOpen(!open)}>
          {summary}
        </button>
      </div>
      {open && (
        <div className="jt-children">
          {Array.from({ length: shown }, (_, i) => {
            const key = isArray ? i : keys![i];
            const child = isArray ? value[i] : (value as Record<string, unknown>)[key as string];
            return <JsonNode key={key} name={key} value={child} depth={depth + 1} expandDepth={expandDepth} />;
          })}
          {shown < size && (
            <div className="jt-more row">
              <span className="faint">{size - shown} more</span>
              <button type="button" className="link" onClick={() => setLimit(limit + CHUNK * 5)}>
                show {Math.min(CHUNK * 5, size - shown)} more
              </button>
              <button type="button" className="link" onClick={() => setLimit(size)}>
                show all
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** The whole value as indented JSON text; stringified once per value, previewed when huge. */
export function RawJson({ value, className }: { value: unknown; className?: string }) {
  const text = useMemo(() => toJsonText(value, 2), [value]);
  return <LongText mono text={text} limit={RAW_PREVIEW} className={className} />;
}

export interface JsonTreeProps {
  value: unknown;
  /** Levels open initially (1 = only the root). */
  expandDepth?: number;
  /** Show the Tree/Raw toggle and copy button (default true). */
  toolbar?: boolean;
  /** Optional title in the toolbar. */
  label?: string;
  className?: string;
}

export function JsonTree({ value, expandDepth = 1, toolbar = true, label, className }: JsonTreeProps) {
  const [raw, setRaw] = useState(false);
  return (
    <div className={cx("jt", className)}>
      {toolbar && (
        <div className="jt-bar">
          {label && <span className="io-title grow">{label}</span>}
          {!label && <span className="spacer" />}
          <button type="button" className={cx("btn btn-sm", raw ? "btn-ghost" : "btn-secondary")} aria-pressed={!raw} onClick={() => setRaw(false)}>
            Tree
          </button>
          <button type="button" className={cx("btn btn-sm", raw ? "btn-secondary" : "btn-ghost")} aria-pressed={raw} onClick={() => setRaw(true)}>
            Raw
          </button>
          <CopyButton getText={() => toJsonText(value, 2)} />
        </div>
      )}
      {raw ? (
        <RawJson value={value} />
      ) : (
        <div className="jt-body">
          <JsonNode name={null} value={value} depth={0} expandDepth={expandDepth} />
        </div>
      )}
    </div>
  );
}
