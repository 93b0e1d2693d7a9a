import { createDatabase } from "@cs/db";
import type { WorkerEnv } from "./env.server";
import { startOutboxWorker } from "./outbox";
import { startRebateRunWorker } from "./rebate-runs";
import { logTransport, smtpTransport } from "./transport";

/** The background worker as `npm start` and `npm run dev` run it: the e-mail outbox sender and the rebate runs. */
export function startWorker(databaseUrl: string, env: WorkerEnv) {
  const db = createDatabase(databaseUrl, { max: 3 });
  const transport = env.MAIL_TRANSPORT === "smtp" && env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM) : logTransport();
  const worker = startOutboxWorker(db, {
    transport,
    pollMs: env.MAIL_POLL_MS,
    batchSize: env.MAIL_BATCH,
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
    backoffMs: env.MAIL_BACKOFF_MS,
  });
  const rebates = startRebateRunWorker(db);
  return {
    transport: transport.name,
    async stop() {
      await Promise.all([worker.stop(), rebates.stop()]);
      await db.$client.end({ timeout: 5 });
    },
  };
}
