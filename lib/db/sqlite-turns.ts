// Taking turns at SQLite's one write lock between the ingestion writer thread
// (lib/ingest/writer-thread) and this process's other connections (Prisma's: the job runner, server actions, API
// key stamps; the rollup rebuild's handle). Without it the writer thread, which
// starts its next group the moment one commits, starves them: their busy wait
// is synchronous (better-sqlite3's busy timeout), so it also blocks the event
// loop that serves pages, and after 5 s it fails (Prisma's P1008; seen).
// So: a connection about to write says so (WAITERS), waits without blocking
// the loop until the writer thread is between transactions (IN_TX = 0), and
// writes; the writer thread starts no transaction while anyone is waiting.
// Two Int32 slots in shared memory per database file; plain Atomics.
export const IN_TX = 0;
export const WAITERS = 1;

export function newTurns(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/**
 * The longest the writer thread lets others go first: a turn never released (a bug) must not stop ingestion
 * for good; past it, BEGIN IMMEDIATE waits on SQLite's lock as any connection does.
 */
const MAX_YIELD_MS = 2_000;

/** The writer thread, before BEGIN: lets every waiting writer go first, then holds the turn. */
export function writerBegins(turns: Int32Array): void {
  const deadline = performance.now() + MAX_YIELD_MS;
  for (let n = Atomics.load(turns, WAITERS); n > 0 && performance.now() < deadline; n = Atomics.load(turns, WAITERS)) Atomics.wait(turns, WAITERS, n, 50);
  Atomics.store(turns, IN_TX, 1);
}

/** The writer thread, after COMMIT or ROLLBACK. */
export function writerEnds(turns: Int32Array): void {
  Atomics.store(turns, IN_TX, 0);
  Atomics.notify(turns, IN_TX);
}

type WaitAsync = (a: Int32Array, index: number, value: number, timeout?: number) => { async: boolean; value: Promise<string> | string };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/**
 * Another connection's turn: resolves when the writer thread is between transactions (and stays so until
 * released); the release must be called once the write (or its transaction) has ended.
 */
export async function takeTurn(turns: Int32Array): Promise<() => void> {
  Atomics.add(turns, WAITERS, 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    Atomics.sub(turns, WAITERS, 1);
    Atomics.notify(turns, WAITERS);
  };
  try {
    while (Atomics.load(turns, IN_TX) === 1) {
      const w = waitAsync(turns, IN_TX, 1, 1000);
      if (w.async) await w.value;
    }
  } catch (err) {
    release();
    throw err;
  }
  return release;
}

// Per database file, the turns this process's writer threads share with its other connections.
const byFile = ((globalThis as unknown as { loupeWriterTurns?: Map<string, Int32Array> }).loupeWriterTurns ??= new Map());

/** The turns of `file`, made when a writer thread first writes to it. */
export function turnsFor(file: string): Int32Array {
  let turns = byFile.get(file);
  if (!turns) byFile.set(file, (turns = newTurns()));
  return turns;
}

/**
 * Before this process writes to `file` on another connection (Prisma's, the rollup rebuild's): waits, without
 * blocking the event loop, until the writer thread is between transactions, and keeps it there until the
 * returned release is called. Null (nothing to wait for) when no writer thread writes to `file`.
 */
export async function writerTurn(file: string): Promise<(() => void) | null> {
  const turns = byFile.get(file);
  return turns ? takeTurn(turns) : null;
}
