// How often SQLite folds its write-ahead log back into the database file, for
// every connection on a file (the ingestion writer's handle and Prisma's).
// SQLite's default checkpoints at 1,000 pages (4 MB); an ingestion commit of
// 400 observations (in process, 4 writes per transaction) wrote ~600 pages, so
// the writer checkpointed about every other commit, inside the commit, and
// (most likely the cost) copied the same hot index and rollup pages each time.
// At 10,000 pages (40 MB of log) a page written by many commits is copied
// once between checkpoints: bench:ingest +6.7 % observations/s (median of three runs each,
// 5,883 → 6,280), p95 unchanged within its spread. Every connection gets the
// same threshold: whichever commits past it checkpoints, and a lower one on
// Prisma's connection would put every checkpoint on the thread that serves pages.
// LOUPE_WAL_AUTOCHECKPOINT sets it (pages; SQLite's own default is 1000).
// Pure: no imports (the writer thread loads it without Prisma).
const setting = Number(process.env.LOUPE_WAL_AUTOCHECKPOINT);
export const WAL_AUTOCHECKPOINT_PAGES = Number.isInteger(setting) && setting >= 0 ? setting : 10_000;

// LOUPE_CHECKPOINT_MS: how often a thread of its own checkpoints the writer's log (lib/ingest/sqlite-checkpointer.ts;
// default 250 ms; 0 leaves every checkpoint to the commit that passes the threshold above).
const every = Number(process.env.LOUPE_CHECKPOINT_MS ?? 250);
export const CHECKPOINT_EVERY_MS = Number.isInteger(every) && every >= 0 ? every : 250;
