// CPU time from Linux's /proc: a process's (/proc/<pid>/stat) or one thread's
// (/proc/<pid>/task/<tid>/stat), utime + stime in clock ticks of 1/100 s.
import { readdirSync, readFileSync } from "node:fs";

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

/** Ticks per thread of some processes, keyed "<pid>/<tid>" (threads that ended or never ran are left out). */
export function threadCpuTicks(pids: readonly number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of pids) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // the process ended
    }
    for (const tid of tids) {
      const ticks = statCpuTicks(`/proc/${pid}/task/${tid}/stat`);
      if (ticks) out.set(`${pid}/${tid}`, ticks);
    }
  }
  return out;
}

/** The threads' CPU between two readings, in ticks, busiest first. */
export function busiestThreads(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): number[] {
  return [...after].map(([id, t]) => t - (before.get(id) ?? 0)).filter((t) => t > 0).sort((a, b) => b - a);
}
