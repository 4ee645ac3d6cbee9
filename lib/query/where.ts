// The shared half of every view's where-builder: SQL for one condition on one
// column, the same for every view and both databases. A view (traces,
// observations, sessions, scores) only declares its columns: the SQL
// expression, the condition types it accepts, and, for aggregated views,
// whether the condition filters rows (WHERE) or groups (HAVING).
import type { Dialect } from "../db/sql";
import { DomainError } from "../errors";
import { join, raw, sql, type Sql } from "../db/sql";
import type { ConditionOf, Filter, FilterCondition, FilterType } from "./filter";

export interface ColumnDef {
  /** Condition types this column takes. */
  types: readonly FilterType[];
  /** The column's SQL expression (for score types: unused unless `build` is absent). */
  expr?: Sql;
  /** Custom SQL for a condition (scores, rollups with their own meaning). */
  build?: (c: FilterCondition, d: Dialect) => Sql;
  /** Aggregated views: the condition applies to the group (HAVING). */
  having?: boolean;
}
export type ViewColumns = Record<string, ColumnDef>;

/** A condition a view cannot answer (unknown column, or a type the column does not take): an invalid input, mapped at the edges. */
export class FilterError extends DomainError {
  constructor(message: string, path: string) {
    super("invalid", message, { path });
    this.name = "FilterError";
  }
}

/** Why each condition of a filter does not fit a view, by index (empty when it fits). */
export function filterIssues(columns: ViewColumns, filter: Filter): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  filter.forEach((c, i) => {
    const def = Object.hasOwn(columns, c.column) ? columns[c.column] : undefined;
    if (!def) out.push({ path: `[${i}].column`, message: `unknown column ${c.column}; one of ${Object.keys(columns).join(", ")}` });
    else if (!def.types.includes(c.type)) out.push({ path: `[${i}].type`, message: `column ${c.column} takes ${def.types.join(", ")}` });
  });
  return out;
}

export const escapeLike = (v: string) => v.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const CMP: Record<string, string> = { "=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };
/** A whitelisted comparison operator as SQL. */
export const cmp = (op: string): Sql => {
  const s = CMP[op];
  if (!s) throw new FilterError(`unknown operator ${op}`, "operator");
  return raw(s);
};

/** A text condition on an expression (also used for a metadata key's text). */
export function stringSql(d: Dialect, expr: Sql, operator: ConditionOf<"string">["operator"], value: string): Sql {
  switch (operator) {
    case "=":
      return sql`${expr} = ${value}`;
    case "!=":
      return sql`(${expr} IS NULL OR ${expr} <> ${value})`;
    case "contains":
      return d.ilike(expr, `%${escapeLike(value)}%`);
    case "does not contain":
      return sql`(${expr} IS NULL OR NOT ${d.ilike(expr, `%${escapeLike(value)}%`)})`;
    case "starts with":
      return d.ilike(expr, `${escapeLike(value)}%`);
    case "ends with":
      return d.ilike(expr, `%${escapeLike(value)}`);
  }
}

/** The default SQL of a condition on a column expression. */
function defaultSql(d: Dialect, expr: Sql, c: FilterCondition): Sql {
  switch (c.type) {
    case "string":
      return stringSql(d, expr, c.operator, c.value);
    case "stringOptions":
      return c.operator === "any of" ? d.inList(expr, c.value) : sql`(${expr} IS NULL OR NOT ${d.inList(expr, c.value)})`;
    case "arrayOptions": {
      const each = c.value.map((v) => d.jsonArrayContains(expr, v));
      if (c.operator === "all of") return sql`(${join(each, " AND ")})`;
      if (c.operator === "any of") return sql`(${join(each, " OR ")})`;
      return sql`NOT (${join(each, " OR ")})`;
    }
    case "number":
    case "datetime":
    case "boolean":
      return sql`${expr} ${cmp(c.operator)} ${c.value}`;
    case "stringObject":
      return stringSql(d, d.jsonText(expr, c.key), c.operator, c.value);
    default:
      throw new FilterError(`${c.type} needs a view-specific builder`, "type");
  }
}

/** A view's conditions as SQL, split into row conditions (WHERE) and group conditions (HAVING). */
export function buildConditions(d: Dialect, columns: ViewColumns, filter: Filter): { where: Sql[]; having: Sql[] } {
  const [issue] = filterIssues(columns, filter);
  if (issue) throw new FilterError(issue.message, issue.path);
  const where: Sql[] = [];
  const having: Sql[] = [];
  for (const c of filter) {
    const def = columns[c.column];
    const s = def.build ? def.build(c, d) : defaultSql(d, def.expr!, c);
    (def.having ? having : where).push(s);
  }
  return { where, having };
}
