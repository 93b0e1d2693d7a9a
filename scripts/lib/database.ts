import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { hashPassword } from "@cs/auth/server";
import { createDatabase, migrateDatabase } from "@cs/db";
import { preparePortalRole, resolveDatabase } from "@cs/db/local-server";
import { seedDemoAll } from "@cs/seed";

/** `portalUrl`: the portal's connection, as the row-level-security role (docs/decisions/019). */
export type Prepared = { url: string; portalUrl: string; embedded: boolean; seeded: boolean; stop: () => Promise<void> };

/**
 * DATABASE_URL when set, else the embedded server in PG_DATA_DIR; migrations applied; the demo
 * seed on first start (embedded, or when DEMO_SEED=1 asks for it on an external server); the
 * portal's role able to sign in (PORTAL_DATABASE_URL, or the same server as cs_portal with the
 * password of PORTAL_DATABASE_PASSWORD or one generated in .data/portal-db-password).
 */
export async function prepareDatabase(): Promise<Prepared> {
  const db = await resolveDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dir: process.env.PG_DATA_DIR ?? ".data/postgres",
    port: Number(process.env.PG_PORT ?? 54329),
    portSetting: "PG_PORT",
    database: "channel",
  });
  try {
    await migrateDatabase(db.url);
    let seeded = false;
    if (db.embedded || process.env.DEMO_SEED === "1") {
      const client = createDatabase(db.url, { max: 2 });
      try {
        seeded = (await seedDemoAll(client, { hashPassword })).seeded;
      } finally {
        await client.$client.end();
      }
    }
    const portalUrl = await preparePortalRole({
      ownerUrl: db.url,
      portalUrl: process.env.PORTAL_DATABASE_URL || undefined,
      password: process.env.PORTAL_DATABASE_PASSWORD || storedSecret(".data/portal-db-password"),
    });
    return { ...db, portalUrl, seeded };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

/** A generated secret kept beside the embedded data, so sessions survive restarts. */
export function sessionSecret(file = ".data/session-secret") {
  return process.env.SESSION_SECRET || storedSecret(file);
}

/** A random secret generated on first use and kept in `file` (mode 600). */
export function storedSecret(file: string) {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
