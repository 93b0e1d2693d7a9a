import type { Database } from "@cs/db";
import { claimRebateRun, processRebateRun } from "@cs/domain";

export type RebateRunOptions = { pollMs?: number; chunkSize?: number; log?: (line: string) => void };

/** One pass: claim the next queued (or abandoned) run and carry it out. True when a run was found. */
export async function processNextRebateRun(db: Database, options: RebateRunOptions = {}): Promise<boolean> {
  const { log = console.log } = options;
  const run = await claimRebateRun(db);
  if (!run) return false;
  const done = await processRebateRun(db, run, { chunkSize: options.chunkSize });
  log(`[rebates] run ${run.id} ${done.status}: ${done.progressDone}/${done.progressTotal} partners, ${done.statementsWritten} statements${done.error ? `, ${done.error}` : ""}`);
  return true;
}

/**
 * Polls rebate_runs beside the outbox: a found run is followed at once by the next, an idle pass
 * waits `pollMs`. The claim (SKIP LOCKED with a lease) lets several workers share the queue.
 */
export function startRebateRunWorker(db: Database, options: RebateRunOptions = {}): { stop(): Promise<void> } {
  const { pollMs = 1000, log = console.log } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = processNextRebateRun(db, options)
      .catch((error: unknown) => {
        log(`[rebates] run pass failed: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      })
      .then((busy) => {
        if (!stopped) timer = setTimeout(tick, busy ? 0 : pollMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
