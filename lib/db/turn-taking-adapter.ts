// Prisma's SQLite connection, taking turns with the ingestion writer thread
// (sqlite-turns.ts): a statement that writes, and every interactive
// transaction from its start to its commit or rollback, first waits — without
// blocking the event loop — for the writer thread to be between transactions.
// Reads go straight through (WAL: they never wait for the writer).
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { writerTurn } from "./sqlite-turns";

const WRITE = /^\s*(insert|update|delete|replace|create|drop|alter|pragma|vacuum|reindex|analyze|begin)\b/i;
const WITH_WRITE = /^\s*with\b[\s\S]*\b(insert\s+into|update\s+\S+\s+set|delete\s+from)\b/i;
const writes = (sql: string) => WRITE.test(sql) || WITH_WRITE.test(sql);

async function inTurn<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const release = await writerTurn(file);
  try {
    return await fn();
  } finally {
    release?.();
  }
}

function turnTakingTransaction(tx: Transaction, release: (() => void) | null): Transaction {
  const end = (fn: () => Promise<void>) => async () => {
    try {
      await fn();
    } finally {
      release?.();
    }
  };
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === "commit") return end(() => target.commit());
      if (prop === "rollback") return end(() => target.rollback());
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

function turnTakingAdapter(adapter: SqlDriverAdapter, file: string): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === "queryRaw") return (q: SqlQuery) => (writes(q.sql) ? inTurn(file, () => target.queryRaw(q)) : target.queryRaw(q));
      if (prop === "executeRaw") return (q: SqlQuery) => (writes(q.sql) ? inTurn(file, () => target.executeRaw(q)) : target.executeRaw(q));
      if (prop === "executeScript") return (script: string) => inTurn(file, () => target.executeScript(script));
      if (prop === "startTransaction") {
        return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) => {
          const release = await writerTurn(file);
          try {
            return turnTakingTransaction(await target.startTransaction(...args), release);
          } catch (err) {
            release?.();
            throw err;
          }
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/** The factory's connections take turns with the writer thread on `file`. */
export function turnTaking<F extends SqlDriverAdapterFactory>(factory: F, file: string): F {
  return new Proxy(factory, {
    get(target, prop) {
      if (prop === "connect") return async () => turnTakingAdapter(await target.connect(), file);
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
