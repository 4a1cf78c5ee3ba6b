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

/**
 * What a PostgreSQL process does, from the title it sets (`postgres: 15/main: walwriter`, `…: postgres db 127.0.0.1(…)
 * idle` for a backend, `…: autovacuum worker`): backend, walwriter, autovacuum, checkpointer, or other.
 */
export function postgresRole(pid: number): string {
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    for (const role of ["walwriter", "autovacuum", "checkpointer"]) if (title.includes(role)) return role;
    return /\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]/.test(title) ? "backend" : "other";
  } catch {
    return "other";
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

/**
 * Starts a CPU meter over the service and PostgreSQL; stop() answers ms spent by each since start. PostgreSQL's
 * processes are sampled every 100 ms, so a backend that ends during the window (pgbench's, at its end) still counts
 * up to its last sample; one born during the window counts from 0.
 */
export function startCpuMeter(servicePid: number): {
  stop(): { serviceMs: number; postgresMs: number; postgresByRole: Record<string, number> };
} {
  const serviceStart = processCpuMs(servicePid);
  const first = new Map(postgresPids().map((pid) => [pid, processCpuMs(pid)]));
  const last = new Map(first);
  const roles = new Map<number, string>();
  const sample = () => {
    for (const pid of postgresPids()) {
      const ms = processCpuMs(pid);
      if (ms > 0) last.set(pid, ms);
      if (!first.has(pid)) first.set(pid, 0);
      if (!roles.has(pid)) roles.set(pid, postgresRole(pid));
    }
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      let postgresMs = 0;
      const postgresByRole: Record<string, number> = {};
      for (const [pid, ms] of last) {
        const spent = ms - (first.get(pid) ?? 0);
        postgresMs += spent;
        const role = roles.get(pid) ?? postgresRole(pid);
        postgresByRole[role] = (postgresByRole[role] ?? 0) + spent;
      }
      return { serviceMs: processCpuMs(servicePid) - serviceStart, postgresMs, postgresByRole };
    },
  };
}

/** The whole machine's CPU from /proc/stat, in ms: busy (everything but idle and iowait) and total, summed over cores. */
export function machineCpuMs(): { busyMs: number; totalMs: number } {
  const [, ...fields] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/);
  const ticks = fields.slice(0, 8).map(Number); // user nice system idle iowait irq softirq steal
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  return { busyMs: (total - idle) * TICK_MS, totalMs: total * TICK_MS };
}
