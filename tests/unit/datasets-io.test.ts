// Import parsing and mapping, and the export formats (JSONL, CSV, OpenAI), on strings.
import { describe, expect, it } from "vitest";
import { cellValue, mapRecord, readRecords } from "@/lib/datasets/import/parse";
import { describeImportResult, guessMapping, importQuerySchema } from "@/lib/datasets/import/schemas";
import { csvField, csvHeader, csvLine, exportFileName, jsonlLine, openaiLine } from "@/lib/datasets/export/format";
import type { ItemView } from "@/lib/datasets/schemas";

async function all(text: string | string[], format: "jsonl" | "csv") {
  const out = [];
  for await (const r of readRecords(Array.isArray(text) ? text : [text], format)) out.push(r);
  return out;
}

const item = (over: Partial<ItemView>): ItemView => ({
  id: "i1", datasetId: "d", status: "ACTIVE", input: null, expectedOutput: null, metadata: null, sourceTraceId: null, sourceObservationId: null,
  origin: "API", ruleId: null, version: 1, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z", ...over,
});

describe("reading JSONL", () => {
  it("numbers rows by line, skips blank lines, reports bad JSON and non-objects, across chunk splits", async () => {
    const recs = await all(['{"input":"a"}\r\n\n{"inp', 'ut":"b"}\nnot json\n[1,2]\n{"input":"é"}'], "jsonl");
    expect(recs.map((r) => [r.row, r.record?.input ?? r.error?.message.slice(0, 14)])).toEqual([
      [1, "a"],
      [3, "b"],
      [4, "not valid JSON"],
      [5, "must be a JSON"],
      [6, "é"],
    ]);
  });

  it("decodes UTF-8 split inside a character and drops a BOM", async () => {
    const bytes = Buffer.from('\ufeff{"input":"héllo"}\n');
    const recs = await all([bytes.subarray(0, 14), bytes.subarray(14)] as unknown as string[], "jsonl");
    expect(recs[0].record).toEqual({ input: "héllo" });
  });
});

describe("reading CSV", () => {
  it("reads RFC 4180 quoting (commas, quotes, line breaks in cells); row 1 is the first data row", async () => {
    const recs = await all('input,expected\r\n"a, b","say ""hi""\nthere"\r\nplain,\r\n', "csv");
    expect(recs.map((r) => [r.row, r.record])).toEqual([
      [1, { input: "a, b", expected: 'say "hi"\nthere' }],
      [2, { input: "plain", expected: "" }],
    ]);
  });

  it("stops at an unclosed quote with a row error", async () => {
    const recs = await all('input\nok\n"never closed\n', "csv");
    expect(recs[0].record).toEqual({ input: "ok" });
    expect(recs[1].error).toMatchObject({ row: 2, field: "" });
  });

  it("reads a cell as JSON when it parses, else as text; an empty cell is null", () => {
    expect(cellValue('{"q":1}')).toEqual({ q: 1 });
    expect(cellValue("[1,2]")).toEqual([1, 2]);
    expect(cellValue("42")).toBe(42);
    expect(cellValue('"42"')).toBe("42");
    expect(cellValue("true")).toBe(true);
    expect(cellValue("hello")).toBe("hello");
    expect(cellValue("{not json")).toBe("{not json");
    expect(cellValue("2+2")).toBe("2+2");
    expect(cellValue("")).toBe(null);
  });
});

describe("mapping a record", () => {
  const mapping = { input: "question", expectedOutput: "answer", metadata: undefined, id: "key" };

  it("maps keys to fields, keeps id as text, passes status and source ids through", () => {
    const { write, errors } = mapRecord({ question: { q: 1 }, answer: "4", key: 7, status: "ARCHIVED", sourceTraceId: "t1" }, 3, mapping, "jsonl");
    expect(errors).toEqual([]);
    expect(write).toEqual({ id: "7", input: { q: 1 }, expectedOutput: "4", status: "ARCHIVED", sourceTraceId: "t1" });
  });

  it("names the row and field of a missing key, a bad status, an unusable id", () => {
    const { errors } = mapRecord({ question: 1, key: { x: 1 }, status: "LIVE" }, 9, mapping, "jsonl");
    expect(errors).toEqual([
      { row: 9, field: "expectedOutput", message: 'key "answer" is missing' },
      { row: 9, field: "id", message: "must be a string" },
      { row: 9, field: "status", message: "must be ACTIVE or ARCHIVED" },
    ]);
  });

  it("decodes CSV cells (JSON or text) but never the id", () => {
    const { write } = mapRecord({ question: '{"q":"2+2"}', answer: "four", key: "0012" }, 1, mapping, "csv");
    expect(write).toEqual({ id: "0012", input: { q: "2+2" }, expectedOutput: "four" });
    expect(mapRecord({ question: "x", answer: "y" }, 1, mapping, "csv").errors).toEqual([{ row: 1, field: "id", message: 'column "key" is missing' }]);
  });

  it("guesses a mapping from column names and refuses one without input or expected output", () => {
    expect(guessMapping(["ID", "Question", "expected_output", "meta"])).toEqual({ input: "Question", expectedOutput: "expected_output", metadata: "meta", id: "ID" });
    expect(importQuerySchema.safeParse({ format: "csv", metadata: "m" }).success).toBe(false);
    expect(importQuerySchema.parse({ format: "csv", input: "q", mode: "all" }).options).toEqual({ format: "csv", mode: "all", mapping: { input: "q" } });
  });

  it("describes a job's result", () => {
    expect(describeImportResult({ phase: "done", mode: "valid", rows: 3, created: 2, updated: 0, unchanged: 0, failed: 1 })).toBe("2 created, 0 updated, 1 failed.");
    expect(describeImportResult({ phase: "done", mode: "all", rows: 3, created: 0, updated: 0, unchanged: 0, failed: 1 })).toMatch(/^Nothing imported/);
  });
});

describe("export formats", () => {
  const it1 = item({ id: "a,1", input: { q: "say \"hi\"" }, expectedOutput: "4", metadata: null, sourceTraceId: "t" });

  it("writes JSONL with the export columns only", () => {
    expect(JSON.parse(jsonlLine(it1))).toEqual({ id: "a,1", input: { q: 'say "hi"' }, expectedOutput: "4", metadata: null, sourceTraceId: "t", sourceObservationId: null, status: "ACTIVE" });
  });

  it("writes CSV with JSON cells and RFC 4180 quoting, which the import reads back", async () => {
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField("plain")).toBe("plain");
    const text = csvHeader() + csvLine(it1) + csvLine(item({ id: "b", input: "multi\nline", expectedOutput: 4 }));
    const recs = await all(text, "csv");
    const mapping = { input: "input", expectedOutput: "expectedOutput", metadata: "metadata", id: "id" };
    expect(recs.map((r) => mapRecord(r.record!, r.row, mapping, "csv").write)).toEqual([
      { id: "a,1", input: { q: 'say "hi"' }, expectedOutput: "4", metadata: null, sourceTraceId: "t", sourceObservationId: null, status: "ACTIVE" },
      { id: "b", input: "multi\nline", expectedOutput: 4, metadata: null, sourceTraceId: null, sourceObservationId: null, status: "ACTIVE" },
    ]);
  });

  it("shapes OpenAI chat lines from messages, {messages}, or a string; skips what cannot be shaped", () => {
    const msgs = [{ role: "system", content: "Be brief." }, { role: "user", content: "2+2?" }];
    expect(JSON.parse(openaiLine({ input: msgs, expectedOutput: "4" })!)).toEqual({ messages: [...msgs, { role: "assistant", content: "4" }] });
    expect(JSON.parse(openaiLine({ input: { messages: msgs }, expectedOutput: { content: "4" } })!).messages).toHaveLength(3);
    expect(JSON.parse(openaiLine({ input: "hi", expectedOutput: { role: "assistant", content: "hello" } })!)).toEqual({
      messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }],
    });
    expect(openaiLine({ input: { q: 1 }, expectedOutput: "4" })).toBeNull();
    expect(openaiLine({ input: "hi", expectedOutput: null })).toBeNull();
    expect(openaiLine({ input: [{ role: "wizard", content: "x" }], expectedOutput: "4" })).toBeNull();
    expect(openaiLine({ input: "hi", expectedOutput: { answer: 4 } })).toBeNull();
  });

  it("names the file after the dataset and the day", () => {
    const day = new Date("2026-05-04T10:00:00Z");
    expect(exportFileName("QA / regressions", "csv", day)).toBe("QA-regressions-2026-05-04.csv");
    expect(exportFileName("日本", "openai", day)).toBe("dataset-2026-05-04-openai.jsonl");
  });
});

describe("counting rows for the progress bar", () => {
  it("counts non-blank JSONL lines without parsing, and CSV records", async () => {
    const { countRecords } = await import("@/lib/datasets/import/parse");
    expect(await countRecords(['{"a":1}\r\n\n  \n{"a"', ':2}\n{"a":3}'], "jsonl")).toBe(3);
    expect(await countRecords(['a,b\n1,"x\ny"\n2,3\n'], "csv")).toBe(2);
  });
});
