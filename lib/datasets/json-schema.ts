// A dataset's optional JSON Schemas for input and expected output: compiled
// once per write (Ajv), a misfit refused with the schema's path and message.
import { Ajv, type ValidateFunction } from "ajv";
import { DomainError, type FieldPath } from "../errors";

const ajv = new Ajv({ allErrors: false, strict: false, validateSchema: true });

/** The compiled check, or a DomainError naming `field` when the schema itself is not valid. */
export function compileSchema(schema: unknown, field: FieldPath): ValidateFunction | null {
  if (schema === null || schema === undefined) return null;
  try {
    return ajv.compile(schema as object);
  } catch (err) {
    throw new DomainError("invalid", `not a valid JSON Schema: ${(err as Error).message}`, { path: field });
  }
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
