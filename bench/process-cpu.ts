// CPU time of processes, from /proc (Linux): the service's own, and every PostgreSQL process's (backends, WAL
// writer, checkpointer...), so a benchmark can say what each callback cost on each side. In clock ticks → ms.
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // CLK_TCK is 100 on Linux (getconf CLK_TCK)

/** User + system CPU of one process, in ms; 0 when it is gone. */
export function processCpuMs(pid: number): number {
  try {
    // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Pids of every process named postgres (the server and its backends). */
export function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** Starts a CPU meter over the service and PostgreSQL; stop() answers ms spent by each since start. */
export function startCpuMeter(servicePid: number): { stop(): { serviceMs: number; postgresMs: number } } {
  const serviceStart = processCpuMs(servicePid);
  const pgStart = new Map(postgresPids().map((pid) => [pid, processCpuMs(pid)]));
  return {
    stop() {
      let postgresMs = 0;
      // A backend born during the window counts from 0; one that ended during it is lost (rare: the pool keeps them).
      for (const pid of postgresPids()) postgresMs += processCpuMs(pid) - (pgStart.get(pid) ?? 0);
      return { serviceMs: processCpuMs(servicePid) - serviceStart, postgresMs };
    },
  };
}
