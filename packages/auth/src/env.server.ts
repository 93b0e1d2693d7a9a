import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (npm start and npm run dev set it for you)"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  /** Set by the e2e run, which serves production builds over plain http on localhost. */
  INSECURE_COOKIES: z.enum(["0", "1"]).default("0"),
  /** Uploaded files (repair photos, proofs of purchase): outside the web root, relative to the working directory. */
  UPLOADS_DIR: z.string().min(1).default(".data/uploads"),
  /** Row-level security for partners and customers (docs/decisions/019); 0 only to measure its cost. */
  PORTAL_RLS: z.enum(["0", "1"]).default("1"),
  /** The portal's connection, as the role subject to row-level security (npm start and npm run dev set it). */
  PORTAL_DATABASE_URL: z.string().min(1).optional(),
});

export type ServerEnv = z.output<typeof schema> & { SESSION_SECRET: string; secureCookies: boolean };

let cached: ServerEnv | undefined;

/** Validated once; the only reader of process.env in the apps. */
export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  const env = parsed.data;
  if (env.NODE_ENV === "production" && !env.SESSION_SECRET)
    throw new Error("SESSION_SECRET must be set in production (npm start generates one in .data/)");
  if (env.NODE_ENV === "production" && env.PORTAL_RLS === "1" && !env.PORTAL_DATABASE_URL)
    throw new Error("PORTAL_DATABASE_URL must be set in production: the portal connects as cs_portal (npm start derives it; docs/operations)");
  cached = {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? "development-only-secret-not-for-production-use",
    secureCookies: env.NODE_ENV === "production" && env.INSECURE_COOKIES !== "1",
  };
  return cached;
}
