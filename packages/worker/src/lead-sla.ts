import type { Database } from "@cs/db";
import { sweepOverdueLeads } from "@cs/domain";
import { startPolling, type Poller } from "./poll-loop";

export type LeadSlaOptions = { pollMs?: number; log?: (line: string) => void };

/**
 * Sweeps leads past their accept-by deadline every `pollMs` (a minute by default): each goes back
 * to the pool and on to the next partner; so do leads a partner declined. A full batch is followed at once by the next pass.
 */
export function startLeadSlaWorker(db: Database, options: LeadSlaOptions = {}): Poller {
  const { pollMs = 60_000, log = console.log } = options;
  const pass = async () => {
    const r = await sweepOverdueLeads(db);
    if (r.returned || r.declined) log(`[leads] ${r.returned} overdue and ${r.declined} declined leads back in the pool, ${r.reassigned} reassigned`);
    return r.returned + r.declined >= 100;
  };
  return startPolling(pass, { pollMs, label: "leads", log });
}
