import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/next-path";

describe("safeNextPath (where sign-in redirects)", () => {
  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeNextPath("/")).toBe("/");
    expect(safeNextPath("/p1/traces?filter=a%3Db&page=2")).toBe("/p1/traces?filter=a%3Db&page=2");
    expect(safeNextPath("/p1/traces/t%2F1#obs")).toBe("/p1/traces/t%2F1#obs");
    expect(safeNextPath("/p1/../p2/traces")).toBe("/p2/traces");
    expect(safeNextPath("/%5Cevil.example/")).toBe("/%5Cevil.example/"); // still encoded: a path here
  });

  it("refuses every way of naming another origin", () => {
    const hostile = [
      "//evil.example",
      "//evil.example/path",
      "/\\evil.example/",
      "/\\/evil.example/",
      "\\/evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "\t//evil.example",
      " //evil.example",
      "/\t\\evil.example",
      "/.//evil.example",
      "/./\\evil.example",
      "/..//evil.example",
      "///evil.example",
      "https://evil.example/",
      "http:evil.example",
      "https:/evil.example",
      "HTTPS://evil.example",
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "evil.example",
      "",
    ];
    for (const next of hostile) expect(safeNextPath(next), JSON.stringify(next)).toBe("/");
  });

  it("refuses what is not a string", () => {
    for (const next of [undefined, null, 42, ["/a", "/b"], { href: "/a" }]) expect(safeNextPath(next)).toBe("/");
  });
});
