import type { Database } from "@cs/db";
import { issueMonthlyStatements, lastMonth, remindUnconfirmedStatements } from "@cs/domain";
import { startPolling, type Poller } from "./poll-loop";

export type StatementWorkerOptions = { pollMs?: number; remindAfterDays?: number; log?: (line: string) => void };

/**
 * Every `pollMs` (an hour by default): issues last month's statements to the partners that have
 * none yet, then reminds partners whose statement is unconfirmed `remindAfterDays` after issue. Both
 * steps are idempotent (a unique month per partner; a reminder marks its statement), so restarts and
 * a second worker do no harm.
 */
export function startStatementWorker(db: Database, options: StatementWorkerOptions = {}): Poller {
  const { pollMs = 3_600_000, remindAfterDays, log = console.log } = options;
  const pass = async () => {
    const issued = await issueMonthlyStatements(db, lastMonth());
    const reminded = await remindUnconfirmedStatements(db, remindAfterDays === undefined ? {} : { afterDays: remindAfterDays });
    if (issued || reminded) log(`[statements] ${issued} issued, ${reminded} reminders queued`);
    return reminded >= 100;
  };
  return startPolling(pass, { pollMs, label: "statements", log });
}
