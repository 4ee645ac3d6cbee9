// The one filter model: a list of conditions, each a column, an operator and a
// value, discriminated by `type` (in the spirit of Langfuse's `singleFilter`).
// The traces table, the sessions list, dashboards, promotion rules and the
// metrics API all take this same object; each view's where-builder maps its
// columns to SQL. No server imports: forms and the URL codec use it too.
import { z } from "zod";

const column = z.string().min(1).max(100);
/** Key inside a map column (metadata key, score name). */
const key = z.string().trim().min(1, "must not be empty").max(200);

export const STRING_OPERATORS = ["=", "!=", "contains", "does not contain", "starts with", "ends with"] as const;
export const OPTIONS_OPERATORS = ["any of", "none of"] as const;
export const ARRAY_OPERATORS = ["any of", "all of", "none of"] as const;
export const NUMBER_OPERATORS = ["=", "!=", "<", "<=", ">", ">="] as const;
export const DATETIME_OPERATORS = [">", ">=", "<", "<="] as const;
export const EQUALITY_OPERATORS = ["=", "!="] as const;

export type NumberOperator = (typeof NUMBER_OPERATORS)[number];

const finite = z.number({ message: "must be a number" }).finite("must be a finite number");

export const stringCondition = z.object({ type: z.literal("string"), column, operator: z.enum(STRING_OPERATORS), value: z.string().max(1000) });
/** One of a set of values in a text column (trace name, environment). */
export const stringOptionsCondition = z.object({ type: z.literal("stringOptions"), column, operator: z.enum(OPTIONS_OPERATORS), value: z.array(z.string().max(1000)).min(1).max(1000) });
/** Values in an array column (trace tags, a session's user ids). */
export const arrayOptionsCondition = z.object({ type: z.literal("arrayOptions"), column, operator: z.enum(ARRAY_OPERATORS), value: z.array(z.string().max(1000)).min(1).max(100) });
export const numberCondition = z.object({ type: z.literal("number"), column, operator: z.enum(NUMBER_OPERATORS), value: finite });
export const datetimeCondition = z.object({ type: z.literal("datetime"), column, operator: z.enum(DATETIME_OPERATORS), value: z.coerce.date({ message: "must be an ISO 8601 date" }) });
export const booleanCondition = z.object({ type: z.literal("boolean"), column, operator: z.enum(EQUALITY_OPERATORS), value: z.boolean() });
/** A key of a JSON object column equals / contains a text (metadata region=eu-west-1). */
export const metadataCondition = z.object({ type: z.literal("stringObject"), column, key, operator: z.enum(STRING_OPERATORS), value: z.string().max(1000) });
/** Scores by name: numeric (compared as numbers), categorical (by label), boolean (true/false). */
export const numericScoreCondition = z.object({ type: z.literal("numericScore"), column, key, operator: z.enum(NUMBER_OPERATORS), value: finite });
export const categoricalScoreCondition = z.object({ type: z.literal("categoricalScore"), column, key, operator: z.enum(EQUALITY_OPERATORS), value: z.string().max(1000) });
export const booleanScoreCondition = z.object({ type: z.literal("booleanScore"), column, key, operator: z.enum(EQUALITY_OPERATORS), value: z.boolean() });

export const filterCondition = z.discriminatedUnion("type", [
  stringCondition,
  stringOptionsCondition,
  arrayOptionsCondition,
  numberCondition,
  datetimeCondition,
  booleanCondition,
  metadataCondition,
  numericScoreCondition,
  categoricalScoreCondition,
  booleanScoreCondition,
]);
export type FilterCondition = z.infer<typeof filterCondition>;
export type FilterType = FilterCondition["type"];
export type ConditionOf<T extends FilterType> = Extract<FilterCondition, { type: T }>;

/** A filter: every condition holds (AND). */
export const filterSchema = z.array(filterCondition).max(100, "at most 100 conditions");
export type Filter = z.infer<typeof filterSchema>;

