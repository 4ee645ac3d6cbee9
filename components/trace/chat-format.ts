// Detects chat-shaped payloads and normalises them to one message list, so io-view can
// draw a conversation. Pure and defensive: payloads are untrusted and of any shape; when
// anything doesn't fit, the answer is null and the caller falls back to the JSON tree.
//
// Handled: OpenAI chat (content strings or parts, tool_calls, tool_call_id, function_call),
// OpenAI Responses items (input_text/output_text, function_call, function_call_output),
// Anthropic (text/image/tool_use/tool_result/thinking blocks, top-level `system`),
// Vercel AI SDK (tool-call/tool-result/reasoning/file parts, UI message `parts`, toolInvocations),
// Langfuse ChatML, LangChain ({type: "human"} and serialised constructors), Gemini (`parts`, role "model"),
// and wrappers: {messages}, {choices: [{message}]}, {contents}, {input}, {output}, or a single message.

export type ChatPart =
  | { kind: "text"; text: string }
  | { kind: "reasoning"; text: string }
  | { kind: "image"; url: string | null; mediaType: string | null }
  | { kind: "file"; name: string | null; mediaType: string | null }
  | { kind: "tool_call"; id: string | null; name: string; args: unknown }
  | { kind: "tool_result"; toolCallId: string | null; name: string | null; content: ChatPart[]; isError: boolean }
  | { kind: "json"; value: unknown };

export interface ChatMessage {
  /** lower-cased; aliases folded (human→user, ai/model→assistant) */
  role: string;
  name: string | null;
  toolCallId: string | null;
  parts: ChatPart[];
}

export type RoleTone = "system" | "user" | "assistant" | "tool" | "other";

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

// A Map, not an object literal: role strings are untrusted and "constructor" must not hit the prototype.
const ROLE_ALIASES = new Map<string, string>([
  ["human", "user"],
  ["humanmessage", "user"],
  ["ai", "assistant"],
  ["aimessage", "assistant"],
  ["model", "assistant"],
  ["bot", "assistant"],
  ["systemmessage", "system"],
  ["toolmessage", "tool"],
  ["functionmessage", "function"],
]);

export function roleTone(role: string): RoleTone {
  if (role === "system" || role === "developer") return "system";
  if (role === "user") return "user";
  if (role === "assistant") return "assistant";
  if (role === "tool" || role === "function" || role === "ipython") return "tool";
  return "other";
}

/** Parses a string that looks like a JSON object/array; undefined when it isn't one. */
export function maybeParseJson(text: string): unknown {
  const t = text.trim();
  const first = t[0];
  const last = t[t.length - 1];
  if (!((first === "{" && last === "}") || (first === "[" && last === "]"))) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** Tool-call arguments often arrive as a JSON string; show them as structure when they parse. */
function parseArgs(a: unknown): unknown {
  if (typeof a !== "string") return a;
  const parsed = maybeParseJson(a);
  return parsed === undefined ? a : parsed;
}

function textPart(text: string): ChatPart[] {
  return text === "" ? [] : [{ kind: "text", text }];
}

/** AI SDK v5 tool output: {type: "text"|"json"|"error-text"|"error-json", value}. */
function toolOutput(out: unknown): { content: ChatPart[]; isError: boolean } {
  if (isObj(out) && typeof out.type === "string" && "value" in out && Object.keys(out).length <= 3) {
    const isError = out.type.startsWith("error");
    if (typeof out.value === "string") return { content: textPart(out.value), isError };
    if (out.type === "content" && Array.isArray(out.value)) return { content: contentParts(out.value), isError };
    return { content: [{ kind: "json", value: out.value }], isError };
  }
  return { content: contentParts(out), isError: false };
}

function imageUrl(p: Obj): string | null {
  const iu = p.image_url;
  if (typeof iu === "string") return iu;
  if (isObj(iu) && typeof iu.url === "string") return iu.url;
  if (typeof p.image === "string") return p.image;
  const src = p.source;
  if (isObj(src)) {
    if (typeof src.url === "string") return src.url;
    if (src.type === "base64") return null; // inline bytes: don't echo megabytes of base64
  }
  return str(p.url);
}

/** One content block → zero or more parts (a UI tool part holds both the call and its result). */
function partFrom(p: unknown): ChatPart[] {
  if (typeof p === "string") return textPart(p);
  if (!isObj(p)) return p === null || p === undefined ? [] : [{ kind: "json", value: p }];
  const type = str(p.type);
  switch (type) {
    case "text":
    case "input_text":
    case "output_text":
      return typeof p.text === "string" ? textPart(p.text) : [{ kind: "json", value: p }];
    case "reasoning":
    case "thinking":
      return [{ kind: "reasoning", text: str(p.text) ?? str(p.thinking) ?? str(p.reasoning) ?? "" }];
    case "redacted_thinking":
      return [{ kind: "reasoning", text: "[redacted]" }];
    case "image_url":
    case "input_image":
    case "image": {
      const src = isObj(p.source) ? p.source : {};
      return [{ kind: "image", url: imageUrl(p), mediaType: str(p.mediaType) ?? str(p.mimeType) ?? str(src.media_type) }];
    }
    case "file":
    case "input_file":
    case "input_audio":
    case "document": {
      const file = isObj(p.file) ? p.file : {};
      const src = isObj(p.source) ? p.source : {};
      return [
        {
          kind: "file",
          name: str(p.filename) ?? str(file.filename) ?? str(p.title) ?? null,
          mediaType: str(p.mediaType) ?? str(p.mimeType) ?? str(p.media_type) ?? str(src.media_type) ?? null,
        },
      ];
    }
    case "tool_use":
    case "server_tool_use":
      return [{ kind: "tool_call", id: str(p.id), name: str(p.name) ?? "tool", args: p.input }];
    case "tool-call":
      return [{ kind: "tool_call", id: str(p.toolCallId), name: str(p.toolName) ?? "tool", args: parseArgs(p.args ?? p.input) }];
    case "function_call": // OpenAI Responses item used as content
      return [{ kind: "tool_call", id: str(p.call_id) ?? str(p.id), name: str(p.name) ?? "tool", args: parseArgs(p.arguments) }];
    case "tool_result":
      return [
        { kind: "tool_result", toolCallId: str(p.tool_use_id), name: null, content: contentParts(p.content), isError: p.is_error === true },
      ];
    case "tool-result": {
      const r = toolOutput("output" in p ? p.output : p.result);
      return [
        { kind: "tool_result", toolCallId: str(p.toolCallId), name: str(p.toolName), content: r.content, isError: r.isError || p.isError === true },
      ];
    }
    case "step-start":
    case "source-url":
      return [];
  }
  // AI SDK UI message tool parts: "tool-<name>" / "dynamic-tool" with input and maybe output.
  if (type && (type.startsWith("tool-") || type === "dynamic-tool") && "toolCallId" in p) {
    const name = str(p.toolName) ?? type.slice(5);
    const out: ChatPart[] = [{ kind: "tool_call", id: str(p.toolCallId), name, args: parseArgs(p.input ?? p.args) }];
    if (p.output !== undefined || p.errorText !== undefined) {
      const isError = typeof p.errorText === "string";
      out.push({
        kind: "tool_result",
        toolCallId: str(p.toolCallId),
        name,
        content: isError ? textPart(p.errorText as string) : contentParts(p.output),
        isError,
      });
    }
    return out;
  }
  // Gemini parts carry no type field.
  if (!type) {
    if (typeof p.text === "string" && Object.keys(p).length <= 2) return textPart(p.text);
    if (isObj(p.functionCall)) return [{ kind: "tool_call", id: str(p.functionCall.id), name: str(p.functionCall.name) ?? "tool", args: p.functionCall.args }];
    if (isObj(p.functionResponse)) {
      const fr = p.functionResponse;
      return [{ kind: "tool_result", toolCallId: str(fr.id), name: str(fr.name), content: contentParts(fr.response), isError: false }];
    }
    if (isObj(p.inlineData)) return [{ kind: "file", name: null, mediaType: str(p.inlineData.mimeType) }];
  }
  return [{ kind: "json", value: p }];
}

function contentParts(c: unknown): ChatPart[] {
  if (c === null || c === undefined) return [];
  if (typeof c === "string") return textPart(c);
  if (Array.isArray(c)) return c.flatMap(partFrom);
  if (isObj(c)) return partFrom(c);
  return textPart(String(c));
}

function toolCalls(list: unknown): ChatPart[] {
  if (!Array.isArray(list)) return [];
  return list.map((tc): ChatPart => {
    if (!isObj(tc)) return { kind: "json", value: tc };
    const fn = isObj(tc.function) ? tc.function : null;
    // OpenAI: {id, function: {name, arguments}}; LangChain: {id, name, args}; AI SDK v4: {toolCallId, toolName, args}
    return {
      kind: "tool_call",
      id: str(tc.id) ?? str(tc.toolCallId),
      name: str(fn?.name) ?? str(tc.name) ?? str(tc.toolName) ?? "tool",
      args: parseArgs(fn ? fn.arguments : (tc.args ?? tc.input ?? tc.arguments)),
    };
  });
}

function roleOf(m: Obj): string | null {
  let role = str(m.role);
  // LangChain dicts use `type`; serialised constructors carry the class name in `id`.
  if (!role && typeof m.type === "string" && (ROLE_ALIASES.has(m.type.toLowerCase()) || m.type === "system" || m.type === "tool")) role = m.type;
  if (!role && m.type === "constructor" && Array.isArray(m.id)) role = str(m.id[m.id.length - 1]);
  if (!role) return null;
  const r = role.toLowerCase();
  return ROLE_ALIASES.get(r) ?? r;
}

function toMessage(raw: unknown): ChatMessage | null {
  if (!isObj(raw)) return null;
  // OpenAI Responses API items that aren't messages
  if (raw.type === "function_call" && typeof raw.name === "string") {
    return { role: "assistant", name: null, toolCallId: null, parts: partFrom(raw) };
  }
  if (raw.type === "function_call_output") {
    return { role: "tool", name: null, toolCallId: str(raw.call_id), parts: contentParts(raw.output) };
  }
  if (raw.type === "reasoning" && Array.isArray(raw.summary) && !("role" in raw)) {
    return { role: "assistant", name: null, toolCallId: null, parts: raw.summary.flatMap((s) => (isObj(s) && typeof s.text === "string" ? [{ kind: "reasoning" as const, text: s.text }] : [])) };
  }
  const m = raw.type === "constructor" && isObj(raw.kwargs) ? { ...raw.kwargs, id: raw.id, type: raw.type } : raw;
  const role = roleOf(m);
  if (!role || role.length > 40) return null;
  const hasBody = "content" in m || "parts" in m || "tool_calls" in m || "function_call" in m || "toolInvocations" in m;
  if (!hasBody) return null;

  const parts: ChatPart[] = [...contentParts(m.content)];
  if (Array.isArray(m.parts)) parts.push(...m.parts.flatMap(partFrom));
  parts.push(...toolCalls(m.tool_calls));
  if (isObj(m.function_call)) {
    parts.push({ kind: "tool_call", id: null, name: str(m.function_call.name) ?? "function", args: parseArgs(m.function_call.arguments) });
  }
  if (Array.isArray(m.toolInvocations)) {
    for (const ti of m.toolInvocations) {
      if (!isObj(ti)) continue;
      parts.push(...toolCalls([ti]));
      if ("result" in ti) {
        parts.push({ kind: "tool_result", toolCallId: str(ti.toolCallId), name: str(ti.toolName), content: contentParts(ti.result), isError: false });
      }
    }
  }
  return {
    role,
    name: str(m.name),
    toolCallId: str(m.tool_call_id) ?? str(m.toolCallId),
    parts,
  };
}

function messageList(list: unknown): ChatMessage[] | null {
  if (!Array.isArray(list) || list.length === 0) return null;
  const out: ChatMessage[] = [];
  for (const item of list) {
    const msg = toMessage(item);
    if (!msg) return null; // all or nothing: a half-parsed conversation would hide data
    out.push(msg);
  }
  return out;
}

function systemMessage(system: unknown): ChatMessage | null {
  const parts = contentParts(system);
  return parts.length ? { role: "system", name: null, toolCallId: null, parts } : null;
}

/** The conversation in `value`, or null when it isn't chat-shaped. */
export function parseChat(value: unknown): ChatMessage[] | null {
  if (Array.isArray(value)) return messageList(value);
  if (!isObj(value)) return null;

  for (const key of ["messages", "contents", "input"] as const) {
    const msgs = messageList(value[key]);
    if (!msgs) continue;
    const sys = systemMessage(value.system ?? value.instructions ?? (isObj(value.systemInstruction) ? value.systemInstruction.parts : undefined));
    return sys ? [sys, ...msgs] : msgs;
  }
  if (Array.isArray(value.choices) && value.choices.length > 0) {
    const msgs = messageList(value.choices.map((c) => (isObj(c) ? (c.message ?? c.delta) : c)));
    if (msgs) return msgs;
  }
  const out = messageList(value.output);
  if (out) return out;
  const single = toMessage(value);
  return single ? [single] : null;
}

/** Plain text of a message (for copy and previews). Tool calls and JSON parts are omitted. */
export function messageText(msg: ChatMessage): string {
  return msg.parts
    .map((p) => (p.kind === "text" || p.kind === "reasoning" ? p.text : ""))
    .filter(Boolean)
    .join("\n\n");
}
