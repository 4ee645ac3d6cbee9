// A session turn as a short exchange: the trace's input as the user side and its
// output as the assistant side. Chat payloads often carry the whole history, so
// only the newest user message(s) and the reply are kept; other shapes become
// one message each (text when a single string field holds it, JSON otherwise).
import { maybeParseJson, parseChat, type ChatMessage, type ChatPart } from "@/components/trace/chat-format";

const TEXT_KEYS = ["message", "query", "question", "prompt", "input", "text", "content", "reply", "answer", "output", "completion", "response", "result"];

function asParts(value: unknown): ChatPart[] {
  const v = typeof value === "string" ? (maybeParseJson(value) ?? value) : value;
  if (v === null || v === undefined || v === "") return [];
  if (typeof v === "string") return [{ kind: "text", text: v }];
  if (typeof v === "object" && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    const key = entries.length === 1 ? entries[0][0] : TEXT_KEYS.find((k) => typeof (v as Record<string, unknown>)[k] === "string" && entries.length <= 2);
    const text = key !== undefined ? (v as Record<string, unknown>)[key] : undefined;
    if (typeof text === "string") return [{ kind: "text", text }];
  }
  return [{ kind: "json", value: v }];
}

const msg = (role: string, parts: ChatPart[]): ChatMessage => ({ role, name: null, toolCallId: null, parts });

/** The user side: the trailing user messages of a chat, or the whole input as one message. */
export function userSide(input: unknown): ChatMessage[] {
  const chat = parseChat(typeof input === "string" ? (maybeParseJson(input) ?? input) : input);
  if (chat?.length) {
    let i = chat.length;
    while (i > 0 && chat[i - 1].role !== "user") i--;
    let j = i;
    while (j > 0 && chat[j - 1].role === "user") j--;
    if (i > 0) return chat.slice(j, i);
  }
  const parts = asParts(input);
  return parts.length ? [msg("user", parts)] : [];
}

/** The assistant side: the last assistant message of a chat-shaped output, or the output as one message. */
export function assistantSide(output: unknown): ChatMessage[] {
  const chat = parseChat(typeof output === "string" ? (maybeParseJson(output) ?? output) : output);
  const last = chat?.filter((m) => m.role === "assistant").at(-1);
  if (last) return [last];
  const parts = asParts(output);
  return parts.length ? [msg("assistant", parts)] : [];
}
