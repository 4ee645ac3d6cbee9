// Dates to ISO strings without ever throwing. Ingestion refuses dates outside
// 1970..now+5y (lib/ingest/limits.ts), but a row stored before that rule, or
// written by hand, may hold one a Date cannot print (year 100,000 from
// PostgreSQL reads back as an Invalid Date): one such row must not make a
// list or a page unreadable ("Invalid time value").

/** The ISO string of a date; null for a missing or invalid one. */
export function isoOrNull(date: Date | null | undefined): string | null {
  if (!date) return null;
  const time = date.getTime();
  if (Number.isNaN(time)) return null;
  return date.toISOString();
}

/** The ISO string of a date that must have one: an invalid date reads as the epoch. */
export function isoAlways(date: Date | null | undefined): string {
  return isoOrNull(date) ?? new Date(0).toISOString();
}
