import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

/** Kernel clock ticks per second (USER_HZ): 100 on every Linux we run on. */
const TICKS = 100;

function stat(pid: number): { ppid: number; ms: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name is in parentheses and may hold spaces: the fields after it are fixed
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS };
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system, ms) used so far by a process and by a PostgreSQL server (postmaster and
 * its children, found by the data directory's postmaster.pid). Linux only: null elsewhere. Backends
 * that ended in between are missed, so measure with a pool whose connections stay open.
 */
export function cpuMeter(pid: number | undefined, dataDir: string) {
  const pidFile = resolve(dataDir, "postmaster.pid");
  if (!existsSync("/proc") || pid === undefined || !existsSync(pidFile)) return null;
  const postmaster = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  const read = () => {
    let postgres = stat(postmaster)?.ms ?? 0;
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const s = stat(Number(entry));
      if (s?.ppid === postmaster) postgres += s.ms;
    }
    return { process: stat(pid)?.ms ?? 0, postgres };
  };
  let start = read();
  return {
    reset: () => void (start = read()),
    /** ms of CPU since the last reset, per unit of work done. */
    per: (units: number) => {
      const now = read();
      const per = (ms: number) => (units > 0 ? Math.round((ms / units) * 100) / 100 : null);
      return { portal_ms: per(now.process - start.process), postgres_ms: per(now.postgres - start.postgres) };
    },
  };
}
