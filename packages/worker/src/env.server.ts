import { z } from "zod";

const schema = z
  .object({
    MAIL_TRANSPORT: z.enum(["log", "smtp"]).default("log"),
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().default("华信达 <no-reply@huaxinda.example>"),
    MAIL_POLL_MS: z.coerce.number().int().min(100).default(2000),
    MAIL_BATCH: z.coerce.number().int().min(1).max(500).default(20),
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
    MAIL_BACKOFF_MS: z.coerce.number().int().min(0).default(30_000),
    /** Text messages (verification codes) share the outbox and its retry settings. */
    SMS_TRANSPORT: z.enum(["log", "http"]).default("log"),
    SMS_HTTP_URL: z.string().url().optional(),
    SMS_HTTP_TOKEN: z.string().min(1).optional(),
    /** Where links in messages point (a dealer's invitation to register). */
    /** Days after a monthly statement is issued before an unconfirmed one earns its partner a reminder. */
    STATEMENT_REMIND_AFTER_DAYS: z.coerce.number().int().min(1).max(60).default(7),
    PORTAL_PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  })
  .refine((e) => e.MAIL_TRANSPORT !== "smtp" || !!e.SMTP_URL, { message: "MAIL_TRANSPORT=smtp needs SMTP_URL", path: ["SMTP_URL"] })
  .refine((e) => e.SMS_TRANSPORT !== "http" || !!e.SMS_HTTP_URL, { message: "SMS_TRANSPORT=http needs SMS_HTTP_URL", path: ["SMS_HTTP_URL"] });

export type WorkerEnv = z.infer<typeof schema>;

/** The worker's configuration, validated once at start-up. */
export function readWorkerEnv(env: Record<string, string | undefined> = process.env): WorkerEnv {
  return schema.parse(env);
}
