import { describe, expect, it } from "vitest";
import { maybeParseJson, messageText, parseChat, roleTone } from "@/components/trace/chat-format";

describe("parseChat: OpenAI", () => {
  it("reads plain messages, tool calls and tool results", () => {
    const msgs = parseChat([
      { role: "system", content: "Be brief." },
      { role: "user", content: [{ type: "text", text: "Weather?" }, { type: "image_url", image_url: { url: "https://x/y.png" } }] },
      { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } }] },
      { role: "tool", tool_call_id: "c1", content: "12°C" },
    ]);
    expect(msgs?.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(msgs?.[1].parts).toEqual([
      { kind: "text", text: "Weather?" },
      { kind: "image", url: "https://x/y.png", mediaType: null },
    ]);
    expect(msgs?.[2].parts).toEqual([{ kind: "tool_call", id: "c1", name: "weather", args: { city: "Oslo" } }]);
    expect(msgs?.[3]).toMatchObject({ toolCallId: "c1", parts: [{ kind: "text", text: "12°C" }] });
  });

  it("keeps unparseable arguments as the raw string", () => {
    const msgs = parseChat([{ role: "assistant", tool_calls: [{ id: "x", function: { name: "f", arguments: "{broken" } }] }]);
    expect(msgs?.[0].parts[0]).toMatchObject({ kind: "tool_call", args: "{broken" });
  });

  it("unwraps {messages}, {choices} and a single message", () => {
    expect(parseChat({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] })?.[0].role).toBe("user");
    const out = parseChat({ id: "cmpl", choices: [{ index: 0, message: { role: "assistant", content: "hello" } }] });
    expect(out && messageText(out[0])).toBe("hello");
    expect(parseChat({ role: "assistant", content: "yo" })?.length).toBe(1);
  });

  it("reads Responses API items", () => {
    const msgs = parseChat({
      instructions: "sys",
      input: [
        { role: "user", content: [{ type: "input_text", text: "q" }] },
        { type: "function_call", call_id: "k", name: "lookup", arguments: "{}" },
        { type: "function_call_output", call_id: "k", output: "done" },
      ],
    });
    expect(msgs?.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(msgs?.[2].parts[0]).toMatchObject({ kind: "tool_call", id: "k", name: "lookup", args: {} });
  });
});

describe("parseChat: Anthropic", () => {
  it("reads content blocks and a top-level system prompt", () => {
    const msgs = parseChat({
      system: [{ type: "text", text: "You are terse." }],
      messages: [
        { role: "user", content: "Find it" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "hmm" },
            { type: "text", text: "Searching" },
            { type: "tool_use", id: "tu1", name: "search", input: { q: "it" } },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "tu1", content: [{ type: "text", text: "found" }], is_error: false }] },
      ],
    });
    expect(msgs?.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(msgs?.[2].parts.map((p) => p.kind)).toEqual(["reasoning", "text", "tool_call"]);
    expect(msgs?.[3].parts[0]).toEqual({
      kind: "tool_result",
      toolCallId: "tu1",
      name: null,
      content: [{ kind: "text", text: "found" }],
      isError: false,
    });
  });
  it("doesn't echo base64 image data", () => {
    const msgs = parseChat([{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } }] }]);
    expect(msgs?.[0].parts[0]).toEqual({ kind: "image", url: null, mediaType: "image/png" });
  });
});

describe("parseChat: Vercel AI SDK, LangChain, Gemini", () => {
  it("reads AI SDK model messages", () => {
    const msgs = parseChat([
      { role: "assistant", content: [{ type: "tool-call", toolCallId: "a", toolName: "calc", input: { x: 1 } }] },
      { role: "tool", content: [{ type: "tool-result", toolCallId: "a", toolName: "calc", output: { type: "json", value: { y: 2 } } }] },
      { role: "tool", content: [{ type: "tool-result", toolCallId: "b", toolName: "calc", output: { type: "error-text", value: "boom" } }] },
    ]);
    expect(msgs?.[0].parts[0]).toEqual({ kind: "tool_call", id: "a", name: "calc", args: { x: 1 } });
    expect(msgs?.[1].parts[0]).toMatchObject({ kind: "tool_result", content: [{ kind: "json", value: { y: 2 } }], isError: false });
    expect(msgs?.[2].parts[0]).toMatchObject({ kind: "tool_result", content: [{ kind: "text", text: "boom" }], isError: true });
  });
  it("reads AI SDK UI messages with parts", () => {
    const msgs = parseChat([
      {
        id: "m1",
        role: "assistant",
        parts: [{ type: "step-start" }, { type: "text", text: "ok" }, { type: "tool-weather", toolCallId: "w", state: "output-available", input: { c: 1 }, output: "sunny" }],
      },
    ]);
    expect(msgs?.[0].parts.map((p) => p.kind)).toEqual(["text", "tool_call", "tool_result"]);
    expect(msgs?.[0].parts[1]).toMatchObject({ name: "weather" });
  });
  it("reads LangChain and Gemini shapes", () => {
    expect(parseChat([{ type: "human", content: "hi" }, { type: "ai", content: "yo" }])?.map((m) => m.role)).toEqual(["user", "assistant"]);
    const lc = parseChat([{ lc: 1, type: "constructor", id: ["langchain", "schema", "messages", "HumanMessage"], kwargs: { content: "x" } }]);
    expect(lc?.[0].role).toBe("user");
    const gem = parseChat({ contents: [{ role: "model", parts: [{ text: "a" }, { functionCall: { name: "f", args: { z: 1 } } }] }] });
    expect(gem?.[0].role).toBe("assistant");
    expect(gem?.[0].parts[1]).toMatchObject({ kind: "tool_call", name: "f", args: { z: 1 } });
  });
});

describe("parseChat: not chat", () => {
  it("returns null for other shapes", () => {
    for (const v of [null, 1, "hi", [], [1, 2], ["a"], { a: 1 }, { messages: [] }, [{ role: "user" }], [{ role: "user", content: "x" }, { foo: 1 }], { input: "q" }]) {
      expect(parseChat(v)).toBeNull();
    }
  });
  it("keeps unknown blocks as json parts", () => {
    const msgs = parseChat([{ role: "user", content: [{ type: "weird", x: 1 }] }]);
    expect(msgs?.[0].parts[0]).toEqual({ kind: "json", value: { type: "weird", x: 1 } });
  });
});

describe("helpers", () => {
  it("maps roles to tones", () => {
    expect(roleTone("developer")).toBe("system");
    expect(roleTone("function")).toBe("tool");
    expect(roleTone("critic")).toBe("other");
  });
  it("parses JSON-looking strings only", () => {
    expect(maybeParseJson(' {"a":1} ')).toEqual({ a: 1 });
    expect(maybeParseJson("[1]")).toEqual([1]);
    expect(maybeParseJson("hello")).toBeUndefined();
    expect(maybeParseJson("{nope}")).toBeUndefined();
  });
});

describe("parseChat: hostile input", () => {
  it("doesn't resolve roles through the object prototype", () => {
    expect(parseChat([{ type: "constructor", content: "x" }])).toBeNull();
    expect(parseChat([{ type: "toString", content: "x" }])).toBeNull();
    expect(parseChat([{ role: "__proto__", content: "x" }])?.[0].role).toBe("__proto__");
  });
  it("keeps markup as plain text", () => {
    const msgs = parseChat([{ role: "user", content: "<img src=x onerror=alert(1)>" }]);
    expect(msgs?.[0].parts[0]).toEqual({ kind: "text", text: "<img src=x onerror=alert(1)>" });
  });
});
