// The writer thread's entry: plain JavaScript, so a worker can start it from
// the built server as from a script; it loads the TypeScript writer with tsx
// (a runtime dependency: `npm start` runs it too).
import { tsImport } from "tsx/esm/api";

await tsImport("./worker.ts", import.meta.url);
