// Shapes shared by the built-in price list, project overrides and the pricer.

/** USD per unit (usually per token), keyed by usage type: input, output, cache_read, ... */
export type Prices = Record<string, number>;

/** One model price: built-in (no id) or a project's ModelPrice row. */
export interface PriceEntry {
  /** ModelPrice row id for project overrides; absent for built-ins. */
  id?: string;
  modelName: string;
  /** Regular expression, matched case-insensitively against the observation's model. */
  matchPattern: string;
  prices: Prices;
  /** First moment this price applies; absent means "always". */
  validFrom?: Date | null;
}
