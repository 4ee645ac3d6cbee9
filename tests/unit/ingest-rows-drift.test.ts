// The ingestion writer's row types and column lists (lib/ingest/rows.ts) are
// written by hand, beside prisma/models.prisma. This fails when they drift: a
// column added to a model that the writer neither writes nor names below, a
// listed column the model lost, a JSON/date/boolean column the decoder would
// read as something else, or a row type whose fields differ from the model's.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  BOOL_COLS, DATE_COLS, JSON_COLS, OBS_COLS, ROLLUP_COLS, SCORE_COLS, TRACE_COLS,
  type ObservationRow, type Rollup, type ScoreRow, type TraceRow,
} from "@/lib/ingest/rows";
import type { ObservationModel } from "@/lib/db/generated/sqlite/models/Observation";
import type { ScoreModel } from "@/lib/db/generated/sqlite/models/Score";
import type { TraceModel } from "@/lib/db/generated/sqlite/models/Trace";

const root = path.resolve(import.meta.dirname, "../..");
const SCALARS = new Set(["String", "Int", "Float", "Boolean", "DateTime", "Json", "BigInt", "Decimal", "Bytes"]);

/** model name → column → Prisma scalar type, from the one source of the schemas. */
function models(): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const text = readFileSync(path.join(root, "prisma/models.prisma"), "utf8");
  for (const m of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const cols = new Map<string, string>();
    for (const line of m[2].split("\n")) {
      const f = /^\s+(\w+)\s+(\w+)(\?|\[\])?(\s|$)/.exec(line);
      if (f && SCALARS.has(f[2])) cols.set(f[1], f[2]);
    }
    out.set(m[1], cols);
  }
  return out;
}

// Set by upsert() in write.ts around every list.
const WRITER_OWN = ["projectId", "id", "createdAt", "updatedAt"];
// Columns of these tables the writer leaves alone, and why.
const NOT_WRITTEN: Record<string, string[]> = {
  Trace: ["bookmarked"], // a reviewer's flag, set from the workbench; ingestion never touches it
  Observation: [],
  Score: [],
};
const LISTS: Record<string, readonly string[]> = {
  Trace: [...TRACE_COLS, ...ROLLUP_COLS],
  Observation: OBS_COLS,
  Score: SCORE_COLS,
};

describe("lib/ingest/rows.ts matches prisma/models.prisma", () => {
  const schema = models();

  it.each(Object.keys(LISTS))("%s: the column list covers the model, and names only its columns", (model) => {
    const columns = [...schema.get(model)!.keys()].sort();
    const known = [...WRITER_OWN, ...LISTS[model], ...NOT_WRITTEN[model]].sort();
    expect(known).toEqual(columns);
    expect(new Set(LISTS[model]).size).toBe(LISTS[model].length); // no column twice
  });

  it.each(Object.keys(LISTS))("%s: JSON, date and boolean columns decode as their Prisma types", (model) => {
    const types = schema.get(model)!;
    for (const col of LISTS[model]) {
      expect({ col, json: JSON_COLS.has(col) }).toEqual({ col, json: types.get(col) === "Json" });
      expect({ col, date: DATE_COLS.has(col) }).toEqual({ col, date: types.get(col) === "DateTime" });
      expect({ col, bool: BOOL_COLS.has(col) }).toEqual({ col, bool: types.get(col) === "Boolean" });
    }
  });

  it("the held-update table has the columns held.ts writes", () => {
    const held = readFileSync(path.join(root, "lib/ingest/held.ts"), "utf8");
    const insert = /INSERT INTO "PendingObservation" \(([^)]*)\)/.exec(held);
    const written = [...insert![1].matchAll(/"(\w+)"/g)].map((m) => m[1]).sort();
    expect(written).toEqual([...schema.get("PendingObservation")!.keys()].sort());
  });

  it("row types have the model's fields, nullability and value types (checked by tsc)", () => {
    // A key of the row type that the model lacks, or whose nullability or
    // value type differs from the model's, makes the `never` below a name.
    type Nullable<T> = null extends T ? true : false;
    type Drift<R, M> = {
      [K in keyof R]-?: K extends keyof M
        ? Nullable<R[K]> extends Nullable<M[K]>
          ? Nullable<M[K]> extends Nullable<R[K]>
            ? NonNullable<R[K]> extends NonNullable<M[K]> ? never : K
            : K
          : K
        : K;
    }[keyof R];
    expectTypeOf<Drift<TraceRow & Rollup, TraceModel>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<ObservationRow, ObservationModel>>().toEqualTypeOf<never>();
    expectTypeOf<Drift<ScoreRow, ScoreModel>>().toEqualTypeOf<never>();
    // ...and each row type has exactly its list's columns (plus the id).
    expectTypeOf<keyof TraceRow>().toEqualTypeOf<"id" | (typeof TRACE_COLS)[number]>();
    expectTypeOf<keyof Rollup>().toEqualTypeOf<(typeof ROLLUP_COLS)[number]>();
    expectTypeOf<keyof ObservationRow>().toEqualTypeOf<"id" | (typeof OBS_COLS)[number]>();
    expectTypeOf<keyof ScoreRow>().toEqualTypeOf<"id" | (typeof SCORE_COLS)[number]>();
  });
});
