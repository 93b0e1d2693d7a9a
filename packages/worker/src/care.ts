import type { Database } from "@cs/db";
import { runCareRules } from "@cs/domain";

export type CareOptions = { pollMs?: number; log?: (line: string) => void };

/**
 * Runs the care rules (birthdays, dormant partners) every `pollMs` (a quarter of an hour by
 * default). Each run is idempotent per occasion (docs/decisions/030), so running often only makes
 * the first run after midnight prompt and a failed run resumable by the next.
 */
export function startCareWorker(db: Database, options: CareOptions = {}): { stop(): Promise<void> } {
  const { pollMs = 15 * 60_000, log = console.log } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = runCareRules(db)
      .then((r) => {
        if (r.birthdays || r.dormant) log(`[care] ${r.birthdays} birthday greetings, ${r.dormant} dormant-partner alerts`);
      })
      .catch((error: unknown) => log(`[care] run failed: ${error instanceof Error ? error.message : String(error)}`))
      .then(() => {
        if (!stopped) timer = setTimeout(tick, pollMs);
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
