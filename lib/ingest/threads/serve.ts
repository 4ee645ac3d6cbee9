// A Loupe worker thread's side of its port: runs the handler for each message
// and answers with its value or its error (errors.ts).
import { parentPort } from "node:worker_threads";
import { sendable } from "./errors";
import type { Answer } from "./rpc";

export function serve<M>(handler: (message: M) => unknown | Promise<unknown>): void {
  const port = parentPort;
  if (!port) throw new Error("this module runs as a worker thread");
  port.on("message", ({ id, message }: { id: number; message: M }) => {
    const answer = (a: Answer) => {
      try {
        port.postMessage(a);
      } catch (err) {
        // The value cannot cross (see rpc.ts NotOnThread): say so, and the caller does the work itself.
        port.postMessage({ id, ok: false, error: { kind: "error", name: "NotOnThread", message: `the answer cannot cross threads: ${(err as Error).message}` } } satisfies Answer);
      }
    };
    Promise.resolve()
      .then(() => handler(message))
      .then(
        (value) => answer({ id, ok: true, value }),
        (err) => answer({ id, ok: false, error: sendable(err) }),
      );
  });
  port.postMessage({ ready: true } satisfies Answer);
}
