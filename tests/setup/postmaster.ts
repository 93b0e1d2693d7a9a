import { existsSync, readFileSync } from "node:fs";

/**
 * Guards for embedded PostgreSQL data directories. A run killed with SIGKILL leaves its postmaster
 * running; the next start would then fail on the lock file (or the port).
 */

export function postmasterPid(dir: string): number | undefined {
  const lockFile = `${dir}/postmaster.pid`;
  if (!existsSync(lockFile)) return undefined;
  return Number(readFileSync(lockFile, "utf8").split("\n")[0]) || undefined;
}

/**
 * Stops (fast shutdown) a postmaster serving `dir` whose owner is gone. Refuses — throws — when a
 * live node process still owns it: that is another run in progress, not debris.
 */
export async function stopOrphanedPostmaster(dir: string, what: string): Promise<void> {
  const pid = postmasterPid(dir);
  if (!pid || !isAlive(pid)) return;
  const cmdline = processCommand(pid);
  if (!cmdline.includes("postgres") || !cmdline.includes(dir)) return;
  const owner = parentOf(pid);
  if (owner && owner !== 1 && processCommand(owner).includes("node")) {
    throw new Error(
      `Another ${what} (pid ${owner}) is using the embedded PostgreSQL in ${dir}; wait for it to finish ` +
        "or stop it first.",
    );
  }
  console.warn(`[postgres] stopping the embedded PostgreSQL (pid ${pid}) an earlier ${what} left running`);
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`The embedded PostgreSQL (pid ${pid}) in ${dir} did not stop.`);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The command line of a process, "" when it is gone (Linux /proc; elsewhere orphans go undetected). */
function processCommand(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat is "pid (comm) state ppid …"; comm may contain spaces, so split after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}
