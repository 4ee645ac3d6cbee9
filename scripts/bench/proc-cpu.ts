// CPU time from Linux's /proc: a process's (/proc/<pid>/stat) or one thread's
// (/proc/<pid>/task/<tid>/stat), utime + stime in clock ticks of 1/100 s.
import { readFileSync } from "node:fs";

/** utime + stime of a /proc stat file, in ticks; null when it is gone (the process or thread ended) or unreadable. */
export function statCpuTicks(statPath: string): number | null {
  try {
    // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(statPath, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return null;
  }
}
