import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";
import { startPolling, type Poller } from "./poll-loop";
import { renderMail, renderSms } from "./render";
import { logSmsTransport, type SmsTransport } from "./sms-transport";
import type { Transport } from "./transport";

export type OutboxOptions = {
  transport: Transport;
  /** Rows of the sms channel; the log transport when not given. */
  smsTransport?: SmsTransport;
  /** The portal's public address, for links in messages (invitations). */
  portalUrl?: string;
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

type Claimed = { id: string; channel: "email" | "sms"; to_address: string; locale: string; template: string; params: unknown; attempts: number };

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
    returning o.id::text as id, o.channel, o.to_address, o.locale, o.template, o.params, o.attempts`) as unknown as Promise<Claimed[]>;
}

/**
 * A verification code or an invitation token rides in its row only until the row is done with: once sent or given up, the
 * code is dropped, so the outbox never keeps codes (the verification table keeps only their hash).
 */
const withoutSecrets = sql`params - 'code' - 'token'`;

async function markSent(db: Database, id: string) {
  await db.execute(sql`
    update email_outbox set status = 'sent', sent_at = now(), last_error = null, params = ${withoutSecrets}
     where id = ${id}::bigint and status = 'pending'`);
}

async function markFailure(db: Database, row: Claimed, error: string, maxAttempts: number, backoffMs: number): Promise<"retried" | "failed"> {
  const final = row.attempts >= maxAttempts;
  const delay = Math.min(backoffMs * 2 ** (row.attempts - 1), 3_600_000);
  await db.execute(sql`
    update email_outbox
       set status = ${final ? "failed" : "pending"}::outbox_status, last_error = ${error.slice(0, 2000)},
           params = case when ${final} then ${withoutSecrets} else params end,
           next_attempt_at = now() + ${delay} * interval '1 millisecond'
     where id = ${row.id}::bigint and status = 'pending'`);
  return final ? "failed" : "retried";
}

/** One pass over the due rows: render, send, mark. Returns what happened, for logs and tests. */
export async function processOutbox(db: Database, options: OutboxOptions): Promise<OutboxRun> {
  const { transport, smsTransport = logSmsTransport(options.log), batchSize = 20, maxAttempts = 5, backoffMs = 30_000, leaseMs = 300_000, log = console.log } = options;
  const run: OutboxRun = { sent: 0, retried: 0, failed: 0 };
  for (const row of await claim(db, batchSize, leaseMs)) {
    try {
      const message = { toAddress: row.to_address, locale: row.locale, template: row.template, params: row.params, portalUrl: options.portalUrl };
      if (row.channel === "sms") await smsTransport.send(await renderSms(message));
      else await transport.send(await renderMail(message));
      await markSent(db, row.id);
      run.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const outcome = await markFailure(db, row, message, maxAttempts, backoffMs);
      run[outcome]++;
      log(`[${row.channel === "sms" ? "sms" : "mail"}] outbox ${row.id} attempt ${row.attempts} ${outcome}: ${message}`);
    }
  }
  return run;
}

/**
 * Polls the outbox until stopped: a full batch is followed at once by the next, an idle pass waits
 * `pollMs`. Errors of a pass (database down) are logged and the loop carries on.
 */
export function startOutboxWorker(db: Database, options: OutboxOptions & { pollMs?: number }): Poller {
  const { pollMs = 2000, batchSize = 20, log = console.log } = options;
  return startPolling(() => processOutbox(db, options).then((r) => r.sent + r.retried + r.failed >= batchSize), { pollMs, label: "mail", log });
}
