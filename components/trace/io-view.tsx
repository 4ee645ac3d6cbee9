"use client";

// Shows an observation's input or output for what it is: a conversation, text, or JSON.
// "Pretty" picks the best view; "JSON" shows the raw value. Untrusted content is text only.

import { useMemo, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { cx } from "@/components/ui/cx";
import { JsonTree, RawJson } from "@/components/json/json-tree";
import { LongText } from "@/components/json/long-text";
import { toJsonText } from "@/components/json/stringify";
import { maybeParseJson, parseChat } from "./chat-format";
import { ChatView } from "./chat-view";

export type IoMode = "pretty" | "json";

export interface IoViewProps {
  /** The payload. `undefined` = not loaded yet; `null` = none recorded. */
  value: unknown;
  /** e.g. "Input", "Output", "Expected output". */
  title?: string;
  defaultMode?: IoMode;
  /** The value is undefined because it is being fetched: show a placeholder. */
  loading?: boolean;
  /** Text when the value is null. */
  emptyText?: string;
  className?: string;
}

const TEXT_PREVIEW = 20_000;
/** Don't try to JSON.parse enormous strings just to look for chat structure. */
const PARSE_LIMIT = 10_000_000;

type Shape =
  | { kind: "empty" }
  | { kind: "text"; text: string }
  | { kind: "chat"; messages: NonNullable<ReturnType<typeof parseChat>> }
  | { kind: "json"; value: unknown };

function detect(value: unknown): Shape {
  if (value === null || value === undefined || value === "") return { kind: "empty" };
  // OTel attributes and some SDKs store JSON as a string: look inside it.
  const parsed = typeof value === "string" && value.length < PARSE_LIMIT ? (maybeParseJson(value) ?? value) : value;
  if (typeof parsed === "string") return { kind: "text", text: parsed };
  const messages = parseChat(parsed);
  if (messages) return { kind: "chat", messages };
  return { kind: "json", value: parsed };
}

export function IoView({ value, title, defaultMode = "pretty", loading = false, emptyText = "None recorded", className }: IoViewProps) {
  const [mode, setMode] = useState<IoMode>(defaultMode);
  const shape = useMemo(() => detect(value), [value]);

  let body;
  if (value === undefined && loading) body = <div className="skeleton" style={{ height: 48 }} aria-label="Loading" />;
  else if (value === undefined) body = <span className="faint small">Not loaded</span>;
  else if (shape.kind === "empty") body = <span className="faint small">{emptyText}</span>;
  else if (mode === "json") body = typeof value === "string" ? <LongText mono text={value} limit={TEXT_PREVIEW} /> : <RawJson value={value} />;
  else if (shape.kind === "text") body = <LongText className="io-text" text={shape.text} limit={TEXT_PREVIEW} />;
  else if (shape.kind === "chat") body = <ChatView messages={shape.messages} />;
  else body = <JsonTree value={shape.value} expandDepth={2} toolbar={false} />;

  return (
    <section className={cx("io", className)}>
      <div className="io-head">
        {title && <h3 className="io-title">{title}</h3>}
        {shape.kind === "chat" && mode === "pretty" && <span className="faint small">{shape.messages.length === 1 ? "1 message" : `${shape.messages.length} messages`}</span>}
        <span className="spacer" />
        {shape.kind !== "empty" && (
          <>
            <div className="row gap-0" role="group" aria-label="View">
              <button type="button" className={cx("btn btn-sm", mode === "pretty" ? "btn-secondary" : "btn-ghost")} aria-pressed={mode === "pretty"} onClick={() => setMode("pretty")}>
                Pretty
              </button>
              <button type="button" className={cx("btn btn-sm", mode === "json" ? "btn-secondary" : "btn-ghost")} aria-pressed={mode === "json"} onClick={() => setMode("json")}>
                JSON
              </button>
            </div>
            <CopyButton getText={() => toJsonText(value, 2)} />
          </>
        )}
      </div>
      {body}
    </section>
  );
}
