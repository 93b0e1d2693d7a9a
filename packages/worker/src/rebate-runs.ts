import type { Database } from "@cs/db";
import { claimRebateRun, processRebateRun } from "@cs/domain";
import { startPolling, type Poller } from "./poll-loop";

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
export function startRebateRunWorker(db: Database, options: RebateRunOptions = {}): Poller {
  const { pollMs = 1000, log = console.log } = options;
  return startPolling(() => processNextRebateRun(db, options), { pollMs, label: "rebates", log });
}
