// A dataset's optional JSON Schemas for input and expected output: compiled
// once per write (Ajv), a misfit refused with the schema's path and message.
import { Ajv, type ValidateFunction } from "ajv";
import { DomainError, type FieldPath } from "../errors";

// addUsedSchema: false — Ajv would otherwise keep every compiled schema for
// good (memory growing with each write) and refuse a second compile of one
// with an `$id` ("already exists"). Compiled checks are cached by the schema's
// text instead, a few hundred at most.
const ajv = new Ajv({ allErrors: false, strict: false, validateSchema: true, addUsedSchema: false });
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 200;

/** The compiled check, or a DomainError naming `field` when the schema itself is not valid. */
export function compileSchema(schema: unknown, field: FieldPath): ValidateFunction | null {
  if (schema === null || schema === undefined) return null;
  const key = JSON.stringify(schema);
  const hit = compiled.get(key);
  if (hit) return hit;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema as object);
  } catch (err) {
    throw new DomainError("invalid", `not a valid JSON Schema: ${(err as Error).message}`, { path: field });
  }
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, validate);
  return validate;
}

/** Throws when `value` does not fit: the path is the item field, then the JSON pointer into it. */
export function checkAgainst(validate: ValidateFunction | null, value: unknown, field: FieldPath): void {
  if (!validate || validate(value ?? null)) return;
  const err = validate.errors?.[0];
  const pointer = (err?.instancePath ?? "").split("/").slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replaceAll("~1", "/").replaceAll("~0", "~")));
  const message = `does not match the dataset's schema: ${err?.message ?? "invalid"}${err?.schemaPath ? ` (schema ${err.schemaPath})` : ""}`;
  throw new DomainError("invalid", message, { path: [...field, ...pointer] });
}

/** Both schemas of a dataset, compiled. */
export function datasetValidators(ds: { inputSchema: unknown; expectedOutputSchema: unknown }) {
  return {
    input: compileSchema(ds.inputSchema, ["inputSchema"]),
    expectedOutput: compileSchema(ds.expectedOutputSchema, ["expectedOutputSchema"]),
  };
}
