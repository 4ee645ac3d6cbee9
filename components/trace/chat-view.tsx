"use client";

// Draws a normalised conversation (see chat-format.ts). All content is untrusted text:
// URLs are shown as text, never as links or <img> sources.

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { JsonTree } from "@/components/json/json-tree";
import { LongText } from "@/components/json/long-text";
import { roleTone, type ChatMessage, type ChatPart } from "./chat-format";

const MESSAGE_PAGE = 100;
const TEXT_PREVIEW = 4000;

function Args({ value }: { value: unknown }) {
  if (value === undefined || value === null || value === "") return <span className="faint small">no arguments</span>;
  if (typeof value === "string") return <LongText mono text={value} limit={TEXT_PREVIEW} />;
  return <JsonTree value={value} expandDepth={2} toolbar={false} />;
}

function Part({ part }: { part: ChatPart }) {
  switch (part.kind) {
    case "text":
      return <LongText text={part.text} limit={TEXT_PREVIEW} />;
    case "reasoning":
      return <LongText className="msg-reasoning" text={part.text || "(reasoning)"} limit={TEXT_PREVIEW} />;
    case "image":
      return (
        <div className="small muted ellipsis" title={part.url ?? undefined}>
          <Badge>image</Badge> {part.url ? part.url.slice(0, 300) : (part.mediaType ?? "inline data")}
        </div>
      );
    case "file":
      return (
        <div className="small muted">
          <Badge>file</Badge> {[part.name, part.mediaType].filter(Boolean).join(" · ") || "attachment"}
        </div>
      );
    case "tool_call":
      return (
        <div className="tool-call">
          <div className="tool-call-head">
            <Badge tone="info">tool call</Badge>
            <span className="mono strong ellipsis">{part.name}</span>
            {part.id && <span className="mono faint ellipsis">{part.id}</span>}
          </div>
          <div className="tool-call-body">
            <Args value={part.args} />
          </div>
        </div>
      );
    case "tool_result":
      return (
        <div className={cx("tool-call", part.isError && "is-error")}>
          <div className="tool-call-head">
            <Badge tone={part.isError ? "error" : "success"}>{part.isError ? "tool error" : "tool result"}</Badge>
            {part.name && <span className="mono strong ellipsis">{part.name}</span>}
            {part.toolCallId && <span className="mono faint ellipsis">{part.toolCallId}</span>}
          </div>
          <div className="tool-call-body col gap-2">
            {part.content.length === 0 ? <span className="faint small">empty</span> : part.content.map((p, i) => <Part key={i} part={p} />)}
          </div>
        </div>
      );
    case "json":
      return <JsonTree value={part.value} toolbar={false} />;
  }
}

function Message({ msg }: { msg: ChatMessage }) {
  const tone = roleTone(msg.role);
  return (
    <div className={cx("msg", `msg-${tone}`)}>
      <div className="msg-head">
        <span className="msg-role">{msg.role}</span>
        {msg.name && <span className="mono muted ellipsis">{msg.name}</span>}
        {msg.toolCallId && <span className="mono faint ellipsis">↳ {msg.toolCallId}</span>}
      </div>
      <div className="msg-body">
        {msg.parts.length === 0 ? <span className="faint small">(empty)</span> : msg.parts.map((p, i) => <Part key={i} part={p} />)}
      </div>
    </div>
  );
}

export function ChatView({ messages }: { messages: readonly ChatMessage[] }) {
  const [limit, setLimit] = useState(MESSAGE_PAGE);
  const shown = messages.slice(0, limit);
  return (
    <div className="chat">
      {shown.map((m, i) => (
        <Message key={i} msg={m} />
      ))}
      {messages.length > limit && (
        <button type="button" className="btn btn-secondary btn-sm" onClick={() => setLimit(limit + MESSAGE_PAGE * 5)}>
          Show {Math.min(MESSAGE_PAGE * 5, messages.length - limit)} more of {messages.length - limit} messages
        </button>
      )}
    </div>
  );
}
