// The users table's sort columns and row shapes. Users are the end users of
// the traced application: the distinct `userId`s of a project's traces (no
// table of their own). Pure (no server imports).

export const USER_SORT_COLUMNS = ["userId", "traces", "sessions", "cost", "tokens", "firstSeen", "lastSeen"] as const;
export type UserSortColumn = (typeof USER_SORT_COLUMNS)[number];

export function isUserSortColumn(c: string): c is UserSortColumn {
  return (USER_SORT_COLUMNS as readonly string[]).includes(c);
}

/** A user's figures over the traces the filter keeps (a time range: that range's traces only). */
export interface UserFigures {
  userId: string;
  traceCount: number;
  /** Distinct session ids among those traces. */
  sessionCount: number;
  /** null when none of the traces has a known cost. */
  totalCost: number | null;
  totalTokens: number;
  /** ISO: the first and last trace's timestamp. */
  firstSeen: string;
  lastSeen: string;
}

export type UserListRow = UserFigures;
