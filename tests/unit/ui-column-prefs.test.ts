import { describe, expect, it } from "vitest";
import { mergeOrder, moveColumn, parsePrefs, resolveColumnId } from "@/components/data-table/column-prefs";

describe("column prefs", () => {
  it("parses stored prefs defensively", () => {
    expect(parsePrefs(null)).toEqual({ order: [], visibility: {} });
    expect(parsePrefs("{not json")).toEqual({ order: [], visibility: {} });
    expect(parsePrefs('{"order":["a",1,"b"],"visibility":{"a":false,"b":"yes"}}')).toEqual({ order: ["a", "b"], visibility: { a: false } });
  });
  it("applies a saved order to the current columns", () => {
    expect(mergeOrder(["c", "a", "b"], ["a", "b", "c"])).toEqual(["c", "a", "b"]);
    // removed columns drop out; new ones land after their default predecessor
    expect(mergeOrder(["c", "gone", "a"], ["a", "new", "b", "c"])).toEqual(["c", "a", "new", "b"]);
    expect(mergeOrder([], ["x", "y"])).toEqual(["x", "y"]);
    expect(mergeOrder(["a", "a"], ["a"])).toEqual(["a"]);
  });
  it("moves a column one step", () => {
    expect(moveColumn(["a", "b", "c"], "b", -1)).toEqual(["b", "a", "c"]);
    expect(moveColumn(["a", "b", "c"], "c", 1)).toEqual(["a", "b", "c"]);
  });
  it("resolves ids like TanStack", () => {
    expect(resolveColumnId({ id: "x", accessorKey: "y" }, 0)).toBe("x");
    expect(resolveColumnId({ accessorKey: "usage.total" }, 0)).toBe("usage_total");
    expect(resolveColumnId({ header: "Name" }, 0)).toBe("Name");
    expect(resolveColumnId({}, 3)).toBe("col3");
  });
});
