import { describe, expect, it } from "vitest";
import {
  getList,
  nextSort,
  pageCount,
  pageOffset,
  pageStatus,
  parseLimit,
  parsePage,
  parseSort,
  formatSort,
  readTableState,
  withParams,
} from "@/components/data-table/url-state";

describe("sort", () => {
  it("parses field.direction, splitting on the last dot", () => {
    expect(parseSort("latency.desc")).toEqual({ id: "latency", desc: true });
    expect(parseSort("name.asc")).toEqual({ id: "name", desc: false });
    expect(parseSort("name")).toEqual({ id: "name", desc: false });
    expect(parseSort("metadata.region.desc")).toEqual({ id: "metadata.region", desc: true });
  });
  it("rejects bad directions and ids outside the whitelist", () => {
    expect(parseSort("latency.sideways")).toBeNull();
    expect(parseSort("")).toBeNull();
    expect(parseSort(null)).toBeNull();
    expect(parseSort("password.asc", ["latency", "name"])).toBeNull();
    expect(parseSort("latency.asc", ["latency"])).toEqual({ id: "latency", desc: false });
  });
  it("round-trips", () => {
    expect(formatSort({ id: "cost", desc: true })).toBe("cost.desc");
    expect(formatSort(null)).toBeNull();
  });
  it("cycles on header clicks", () => {
    expect(nextSort(null, "cost", true)).toEqual({ id: "cost", desc: true });
    expect(nextSort({ id: "cost", desc: true }, "cost", true)).toEqual({ id: "cost", desc: false });
    expect(nextSort({ id: "cost", desc: false }, "cost", true)).toBeNull();
    expect(nextSort({ id: "cost", desc: true }, "name")).toEqual({ id: "name", desc: false });
    expect(nextSort({ id: "name", desc: false }, "name")).toEqual({ id: "name", desc: true });
  });
});

describe("page and limit", () => {
  it("defaults invalid pages to 1", () => {
    expect(parsePage("3")).toBe(3);
    for (const bad of ["0", "-2", "1.5", "abc", "", null, undefined]) expect(parsePage(bad)).toBe(1);
  });
  it("clamps and validates limits", () => {
    expect(parseLimit("100")).toBe(100);
    expect(parseLimit("0")).toBe(50);
    expect(parseLimit("x", { fallback: 25 })).toBe(25);
    expect(parseLimit("100000")).toBe(500);
    expect(parseLimit("30", { allowed: [25, 50] })).toBe(50);
  });
  it("computes offsets and page counts", () => {
    expect(pageOffset(1, 50)).toBe(0);
    expect(pageOffset(3, 25)).toBe(50);
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(101, 50)).toBe(3);
  });
});

describe("readTableState", () => {
  it("reads a Next searchParams record", () => {
    const state = readTableState(
      { sort: "latency.desc", page: "2", limit: "25", level: "ERROR", name: ["a", "b"], other: "x" },
      { filters: ["level", "name", "userId"], sortable: ["latency"] },
    );
    expect(state).toEqual({ page: 2, limit: 25, sort: { id: "latency", desc: true }, filters: { level: "ERROR", name: "a" } });
  });
  it("reads URLSearchParams and applies defaults", () => {
    const state = readTableState(new URLSearchParams("sort=secret.asc"), {
      sortable: ["timestamp"],
      defaultSort: { id: "timestamp", desc: true },
    });
    expect(state.sort).toEqual({ id: "timestamp", desc: true });
    expect(state.page).toBe(1);
    expect(state.limit).toBe(50);
  });
  it("reads repeated params as a list", () => {
    expect(getList(new URLSearchParams("tag=a&tag=&tag=b"), "tag")).toEqual(["a", "b"]);
    expect(getList({ tag: "a" }, "tag")).toEqual(["a"]);
    expect(getList({}, "tag")).toEqual([]);
  });
});

describe("withParams", () => {
  it("keeps other params and resets the page on a non-page change", () => {
    expect(withParams("page=3&level=ERROR&q=x", { sort: "cost.desc" })).toBe("?level=ERROR&q=x&sort=cost.desc");
  });
  it("sets the page and drops page=1", () => {
    expect(withParams("level=ERROR", { page: 4 })).toBe("?level=ERROR&page=4");
    expect(withParams("level=ERROR&page=4", { page: 1 })).toBe("?level=ERROR");
  });
  it("removes empty values and writes arrays as repeated params", () => {
    expect(withParams({ q: "x", tag: ["a"] }, { q: "", tag: ["b", "c"] })).toBe("?tag=b&tag=c");
    expect(withParams(new URLSearchParams("q=1"), { q: null })).toBe("");
  });
});

describe("pageStatus", () => {
  it("says where the page is, and that a page past the end is past the end", () => {
    expect(pageStatus({ total: 400, page: 3, limit: 50, rowsOnPage: 50 })).toMatchObject({ pages: 8, pastEnd: false, label: "Page 3 of 8" });
    // ?page=99 of 8 pages: not "Page 8 of 8"
    expect(pageStatus({ total: 400, page: 99, limit: 50, rowsOnPage: 0 })).toEqual({ pages: 8, pastEnd: true, lastPage: 8, label: "Page 99 is past the last page (8)" });
    expect(pageStatus({ total: 401, page: 9, limit: 50, rowsOnPage: 1 })).toMatchObject({ pastEnd: false, label: "Page 9 of 9" });
    expect(pageStatus({ total: 0, page: 1, limit: 50, rowsOnPage: 0 })).toMatchObject({ pastEnd: false, label: "Page 1 of 1" });
  });

  it("with a capped count, a full page may have a next one, an empty one is past the end", () => {
    expect(pageStatus({ total: 10_000, totalCapped: true, page: 200, limit: 50, rowsOnPage: 50 })).toMatchObject({ pages: 201, pastEnd: false, label: "Page 200 of 201+" });
    expect(pageStatus({ total: 10_000, totalCapped: true, page: 900, limit: 50, rowsOnPage: 0 })).toMatchObject({ pastEnd: true, lastPage: 200, label: "Page 900 is past the last page (200+)" });
  });
});
