import type { Database } from "@cs/db";
import { sweepOverdueLeads } from "@cs/domain";

export type LeadSlaOptions = { pollMs?: number; log?: (line: string) => void };

/**
 * Sweeps leads past their accept-by deadline every `pollMs` (a minute by default): each goes back
 * to the pool and on to the next partner; so do leads a partner declined. A full batch is followed at once by the next pass.
 */
export function startLeadSlaWorker(db: Database, options: LeadSlaOptions = {}): { stop(): Promise<void> } {
  const { pollMs = 60_000, log = console.log } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = sweepOverdueLeads(db)
      .then((r) => {
        if (r.returned || r.declined) log(`[leads] ${r.returned} overdue and ${r.declined} declined leads back in the pool, ${r.reassigned} reassigned`);
        return r.returned + r.declined >= 100;
      })
      .catch((error: unknown) => {
        log(`[leads] sweep failed: ${error instanceof Error ? error.message : String(error)}`);
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
