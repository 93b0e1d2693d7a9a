import type { Database } from "@cs/db";
import { runCareRules } from "@cs/domain";
import { startPolling, type Poller } from "./poll-loop";

export type CareOptions = { pollMs?: number; log?: (line: string) => void };

/**
 * Runs the care rules (birthdays, dormant partners, satisfaction surveys) every `pollMs` (a quarter of an hour by
 * default). Each run is idempotent per occasion (docs/decisions/030), so running often only makes
 * the first run after midnight prompt and a failed run resumable by the next.
 */
export function startCareWorker(db: Database, options: CareOptions = {}): Poller {
  const { pollMs = 15 * 60_000, log = console.log } = options;
  const pass = async () => {
    const r = await runCareRules(db);
    if (r.birthdays || r.dormant || r.surveys) log(`[care] ${r.birthdays} birthday greetings, ${r.dormant} dormant-partner alerts, ${r.surveys} surveys opened`);
    return false;
  };
  return startPolling(pass, { pollMs, label: "care", log });
}
