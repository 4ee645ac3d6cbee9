// A session turn's user and assistant sides, from payloads of any shape.
import { describe, expect, it } from "vitest";
import { assistantSide, userSide } from "@/app/(workbench)/[project]/sessions/[sessionId]/turn-messages";

const text = (m: { parts: { kind: string; text?: string }[] }[]) => m.map((x) => x.parts.map((p) => p.text ?? p.kind).join(""));

describe("session turns", () => {
  it("keeps only the newest user message of a chat history, and the last assistant reply", () => {
    const input = [
      { role: "system", content: "be nice" },
      { role: "user", content: "first" },
      { role: "assistant", content: "one" },
      { role: "user", content: "second" },
    ];
    expect(text(userSide(input))).toEqual(["second"]);
    expect(userSide(input)[0].role).toBe("user");
    expect(text(assistantSide({ role: "assistant", content: "two" }))).toEqual(["two"]);
    expect(text(assistantSide({ choices: [{ message: { role: "assistant", content: "three" } }] }))).toEqual(["three"]);
  });

  it("reads plain strings, single-field objects and JSON strings as text", () => {
    expect(text(userSide("hi"))).toEqual(["hi"]);
    expect(text(userSide({ message: "where is my order?" }))).toEqual(["where is my order?"]);
    expect(text(assistantSide({ reply: "on its way" }))).toEqual(["on its way"]);
    expect(text(userSide('{"question":"why?"}'))).toEqual(["why?"]);
  });

  it("falls back to JSON for other shapes and to nothing for empty payloads", () => {
    expect(userSide({ a: 1, b: 2 })[0].parts[0]).toEqual({ kind: "json", value: { a: 1, b: 2 } });
    expect(userSide(null)).toEqual([]);
    expect(assistantSide("")).toEqual([]);
  });
});
