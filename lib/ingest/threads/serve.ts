// A Loupe worker thread's side of a port: runs the handler for each message
// and answers with its value or its error (errors.ts). The thread's own port
// (serve) and ports it is handed later (answerOn: the writer thread answers the
// parse thread on one, parse-thread/direct.ts) speak the same messages.
import { parentPort, type MessagePort } from "node:worker_threads";
import { sendable } from "./errors";
import type { Answer } from "./rpc";

type Port = Pick<MessagePort, "on" | "postMessage">;

export function answerOn<M>(port: Port, handler: (message: M) => unknown | Promise<unknown>): void {
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
}

export function serve<M>(handler: (message: M) => unknown | Promise<unknown>): void {
  const port = parentPort;
  if (!port) throw new Error("this module runs as a worker thread");
  answerOn(port, handler);
  port.postMessage({ ready: true } satisfies Answer);
}
