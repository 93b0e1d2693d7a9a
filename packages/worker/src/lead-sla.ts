import type { Database } from "@cs/db";
import { sweepOverdueLeads } from "@cs/domain";
import { startPolling, type Poller } from "./poll-loop";

export type LeadSlaOptions = { pollMs?: number; log?: (line: string) => void };

/**
 * Sweeps leads past their accept-by deadline every `pollMs` (a minute by default): each goes back
 * to the pool and on to the next partner. A full batch is followed at once by the next pass.
 */
export function startLeadSlaWorker(db: Database, options: LeadSlaOptions = {}): Poller {
  const { pollMs = 60_000, log = console.log } = options;
  const pass = async () => {
    const r = await sweepOverdueLeads(db);
    if (r.returned) log(`[leads] ${r.returned} overdue leads returned to the pool, ${r.reassigned} reassigned`);
    return r.returned >= 100;
  };
  return startPolling(pass, { pollMs, label: "leads", log });
}
