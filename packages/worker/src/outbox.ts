import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";
import { renderMail } from "./render";
import type { Transport } from "./transport";

export type OutboxOptions = {
  transport: Transport;
  batchSize?: number;
  /** Attempts before a row is marked failed for good. */
  maxAttempts?: number;
  /** First retry delay; each further failure doubles it (capped at an hour). */
  backoffMs?: number;
  /** How long a claimed row stays invisible to other workers while this one sends it. */
  leaseMs?: number;
  log?: (line: string) => void;
};

export type OutboxRun = { sent: number; retried: number; failed: number };

type Claimed = { id: string; to_address: string; locale: string; template: string; params: unknown; attempts: number };

/**
 * Claims due rows without holding a transaction during sending: the claim counts the attempt and
 * leases the row (pushes next_attempt_at ahead) in one statement with SKIP LOCKED, so several
 * workers share the outbox and a worker that dies mid-send only delays its rows by the lease.
 */
async function claim(db: Database, batchSize: number, leaseMs: number): Promise<Claimed[]> {
  return db.execute<Claimed>(sql`
    update email_outbox o
       set attempts = o.attempts + 1, next_attempt_at = now() + ${leaseMs} * interval '1 millisecond'
      from (select id from email_outbox
             where status = 'pending' and next_attempt_at <= now()
             order by next_attempt_at, id
             limit ${batchSize}
               for update skip locked) due
     where o.id = due.id
    returning o.id::text as id, o.to_address, o.locale, o.template, o.params, o.attempts`) as unknown as Promise<Claimed[]>;
}

async function markSent(db: Database, id: string) {
  await db.execute(sql`update email_outbox set status = 'sent', sent_at = now(), last_error = null where id = ${id}::bigint and status = 'pending'`);
}

async function markFailure(db: Database, row: Claimed, error: string, maxAttempts: number, backoffMs: number): Promise<"retried" | "failed"> {
  const final = row.attempts >= maxAttempts;
  const delay = Math.min(backoffMs * 2 ** (row.attempts - 1), 3_600_000);
  await db.execute(sql`
    update email_outbox
       set status = ${final ? "failed" : "pending"}::outbox_status, last_error = ${error.slice(0, 2000)},
           next_attempt_at = now() + ${delay} * interval '1 millisecond'
     where id = ${row.id}::bigint and status = 'pending'`);
  return final ? "failed" : "retried";
}

/** One pass over the due rows: render, send, mark. Returns what happened, for logs and tests. */
export async function processOutbox(db: Database, options: OutboxOptions): Promise<OutboxRun> {
  const { transport, batchSize = 20, maxAttempts = 5, backoffMs = 30_000, leaseMs = 300_000, log = console.log } = options;
  const run: OutboxRun = { sent: 0, retried: 0, failed: 0 };
  for (const row of await claim(db, batchSize, leaseMs)) {
    try {
      const mail = await renderMail({ toAddress: row.to_address, locale: row.locale, template: row.template, params: row.params });
      await transport.send(mail);
      await markSent(db, row.id);
      run.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const outcome = await markFailure(db, row, message, maxAttempts, backoffMs);
      run[outcome]++;
      log(`[mail] outbox ${row.id} attempt ${row.attempts} ${outcome}: ${message}`);
    }
  }
  return run;
}

/**
 * Polls the outbox until stopped: a full batch is followed at once by the next, an idle pass waits
 * `pollMs`. Errors of a pass (database down) are logged and the loop carries on.
 */
export function startOutboxWorker(db: Database, options: OutboxOptions & { pollMs?: number }): { stop(): Promise<void> } {
  const { pollMs = 2000, batchSize = 20, log = console.log } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = processOutbox(db, options)
      .then((r) => r.sent + r.retried + r.failed >= batchSize)
      .catch((error: unknown) => {
        log(`[mail] outbox pass failed: ${error instanceof Error ? error.message : String(error)}`);
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
