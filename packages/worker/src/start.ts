import { createDatabase } from "@cs/db";
import type { WorkerEnv } from "./env.server";
import { startOutboxWorker } from "./outbox";
import { startLeadSlaWorker } from "./lead-sla";
import { startCareWorker } from "./care";
import { startRebateRunWorker } from "./rebate-runs";
import { startStatementWorker } from "./statements";
import { httpSmsTransport, logSmsTransport } from "./sms-transport";
import { logTransport, smtpTransport } from "./transport";

/** The background worker as `npm start` and `npm run dev` run it: the outbox sender (e-mail, SMS), the rebate runs, the leads' accept-by sweep, the care rules and the monthly statements (issue, remind). */
export function startWorker(databaseUrl: string, env: WorkerEnv) {
  const db = createDatabase(databaseUrl, { max: 3 });
  const transport = env.MAIL_TRANSPORT === "smtp" && env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM) : logTransport();
  const smsTransport =
    env.SMS_TRANSPORT === "http" && env.SMS_HTTP_URL ? httpSmsTransport({ url: env.SMS_HTTP_URL, token: env.SMS_HTTP_TOKEN }) : logSmsTransport();
  const worker = startOutboxWorker(db, {
    transport,
    smsTransport,
    portalUrl: env.PORTAL_PUBLIC_URL,
    pollMs: env.MAIL_POLL_MS,
    batchSize: env.MAIL_BATCH,
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
    backoffMs: env.MAIL_BACKOFF_MS,
  });
  const rebates = startRebateRunWorker(db);
  const leads = startLeadSlaWorker(db);
  const care = startCareWorker(db);
  const statements = startStatementWorker(db, { remindAfterDays: env.STATEMENT_REMIND_AFTER_DAYS });
  return {
    transport: transport.name,
    smsTransport: smsTransport.name,
    async stop() {
      await Promise.all([worker.stop(), rebates.stop(), leads.stop(), care.stop(), statements.stop()]);
      await db.$client.end({ timeout: 5 });
    },
  };
}
