import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase, migrateDatabase, type Database } from "@cs/db";
import { verifyStockLevels } from "@cs/domain/inventory/verify";
import { seedDemoOrders } from "@cs/seed/flows/orders";
import { seedDemoData } from "@cs/testing/demo";
import { backupDatabase, OperationError, restoreDatabase, type BackupFormat } from "../scripts/lib/backup";
import { findPgTool } from "../scripts/lib/pg-tools";
import { quoteIdentifier, testDatabaseUrl, testDb, withDatabase } from "./db";

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
let dir: string;

/**
 * Every table's row count and content digest, keyed schema.table, and every sequence's position:
 * equal fingerprints, equal data (and the next id handed out is the same).
 */
async function fingerprint(db: Database) {
  const tables = await db.$client<{ name: string }[]>`
    select format('%I.%I', schemaname, tablename) as name from pg_tables
     where schemaname in ('public', 'drizzle') order by 1`;
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.$client.unsafe<{ n: number; digest: string | null }[]>(
      `select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as digest from ${name} t`,
    );
    result[name] = `${row!.n} rows ${row!.digest ?? "-"}`;
  }
  const sequences = await db.$client<{ name: string; last: string | null }[]>`
    select format('%I.%I', schemaname, sequencename) as name, last_value::text as last from pg_sequences
     where schemaname in ('public', 'drizzle') order by 1`;
  for (const { name, last } of sequences) result[`sequence ${name}`] = last ?? "not called";
  return result;
}

async function freshDatabase(suffix: string) {
  const { adminUrl, filePrefix } = inject("testDatabase");
  // Under the file prefix, so the global teardown drops it even if this file dies first.
  const name = `${filePrefix}_${suffix}_${process.pid}`;
  const admin = createDatabase(adminUrl, { max: 1 }).$client;
  await admin.unsafe(`create database ${quoteIdentifier(name)}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  return { name, url, db: createDatabase(url, { max: 2 }) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cs-backup-"));
  await seedDemoData(testDb());
  // Orders reserve stock and write moves: the restored ledger then has something to prove.
  await seedDemoOrders(testDb());
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const tablesOnly = (print: Record<string, string>) => Object.keys(print).filter((k) => !k.startsWith("sequence ")).length;

/**
 * pg_dump works only when it is at least as new as the server. A machine's own PostgreSQL has a
 * fitting one; the embedded server (17) beside Debian's client tools (15) has none, and then the
 * pgdump format must refuse in a sentence, which its own test below proves instead.
 */
const serverMajor = await (async () => {
  const sql = createDatabase(inject("testDatabase").adminUrl, { max: 1 }).$client;
  try {
    const [row] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
    return Math.floor(Number(row!.v) / 10_000);
  } finally {
    await sql.end();
  }
})();
const pgDumpFits = await findPgTool("pg_dump", { atLeast: serverMajor }).then(
  () => true,
  () => false,
);

it(`the pgdump format uses a pg_dump as new as the server (${serverMajor}) or refuses in a sentence, writing nothing`, async () => {
  const file = join(dir, "fits.dump");
  const outcome = await backupDatabase(testDatabaseUrl(), file, { format: "pgdump" }).then((b) => b, (e: unknown) => e);
  if (pgDumpFits) {
    expect(outcome).toMatchObject({ format: "pgdump" });
    expect(readFileSync(file).length).toBeGreaterThan(0);
  } else {
    expect(outcome).toBeInstanceOf(OperationError);
    expect((outcome as Error).message).toMatch(new RegExp(`pg_dump must be at least as new as the server.*PostgreSQL ${serverMajor} client tools`, "s"));
    expect(() => readFileSync(file)).toThrow();
  }
}, 120_000);

// builtin: what runs when no pg_dump fits, so every machine proves it.
describe.each<BackupFormat>(pgDumpFits ? ["pgdump", "builtin"] : ["builtin"])("backup and restore, %s format", (format) => {
  let restored: { name: string; url: string; db: Database };
  beforeAll(async () => {
    restored = await freshDatabase(`restored_${format}`);
  });
  afterAll(async () => {
    await restored?.db.$client.end();
  });

  it("restores a backup into a fresh database with every table's rows, and a stock ledger that verifies", async () => {
    const before = await fingerprint(testDb());
    expect(before["public.orders"]).toMatch(/^[1-9]\d* rows/);
    expect(before["public.stock_moves"]).toMatch(/^[1-9]\d* rows/);

    const backup = await backupDatabase(testDatabaseUrl(), join(dir, `demo-${format}.dump`), { format });
    expect(backup.format).toBe(format);
    expect(backup.bytes).toBeGreaterThan(0);
    const done = await restoreDatabase(backup.file, restored.url);
    expect(done.format).toBe(format);
    expect(done.tables).toBe(tablesOnly(before));

    expect(await fingerprint(restored.db)).toEqual(before);
    expect(await verifyStockLevels(restored.db)).toEqual([]);
  }, 120_000);

  it("refuses to restore over a database that holds tables unless forced, and changes nothing", async () => {
    const file = join(dir, `again-${format}.dump`);
    await backupDatabase(testDatabaseUrl(), file, { format });
    const [{ n: before } = { n: 0 }] = await restored.db.$client<{ n: number }[]>`select count(*)::int as n from organizations`;
    await restored.db.$client`delete from audit_log`;
    const changed = await fingerprint(restored.db);

    const refusal = await restoreDatabase(file, restored.url).then(() => undefined, (e: unknown) => e);
    expect(refusal).toBeInstanceOf(OperationError);
    expect((refusal as Error).message).toMatch(/is not empty .*--force/);
    expect(await fingerprint(restored.db)).toEqual(changed);

    await restoreDatabase(file, restored.url, { force: true });
    expect(await fingerprint(restored.db)).toEqual(await fingerprint(testDb()));
    const [{ n: after } = { n: 0 }] = await restored.db.$client<{ n: number }[]>`select count(*)::int as n from organizations`;
    expect(after).toBe(before);
  }, 120_000);

  it("runs as npm run db:backup / db:restore, printing where the backup went and plain sentences on errors", async () => {
    const env = { ...process.env, DATABASE_URL: testDatabaseUrl() };
    const file = join(dir, `cli-${format}.dump`);
    const backup = await run("node", ["--import", "tsx", "scripts/db-backup.ts", file, `--format=${format}`], { cwd: root, env });
    expect(backup.stdout).toContain(`to ${file}`);
    expect(backup.stdout).toContain(format === "pgdump" ? "pg_dump)" : "built-in format)");

    const target = await freshDatabase(`cli_${format}`);
    try {
      const restore = await run("node", ["--import", "tsx", "scripts/db-restore.ts", file, "--into", target.name], { cwd: root, env });
      expect(restore.stdout).toMatch(/^Restored .* \(\d+ tables\)\.$/m);
      expect(await fingerprint(target.db)).toEqual(await fingerprint(testDb()));

      const notADump = join(dir, "notes.txt");
      writeFileSync(notADump, "not a backup");
      for (const [args, message] of [
        [[file, "--into", target.name], /is not empty/],
        [[join(dir, "missing.dump"), "--into", target.name], /There is no backup file at/],
        [[notADump, "--into", target.name], /is not a db:backup file/],
        [[file], /Say where to restore with --into/],
      ] as const) {
        const failure = await run("node", ["--import", "tsx", "scripts/db-restore.ts", ...args], { cwd: root, env }).then(
          () => undefined,
          (e: unknown) => e as { code: number; stderr: string },
        );
        expect(failure?.code).toBe(1);
        expect(failure?.stderr).toMatch(message);
        // a sentence for a person, not a stack trace
        expect(failure?.stderr).not.toMatch(/^\s+at /m);
      }
    } finally {
      await target.db.$client.end();
    }
  }, 240_000);
});

describe("the built-in format's refusals", () => {
  it("refuses a backup from a newer release before creating or touching the target", async () => {
    const source = await freshDatabase("newer");
    const target = `${inject("testDatabase").filePrefix}_never_${process.pid}`;
    try {
      await migrateDatabase(source.url);
      // what a release with one more migration leaves in the journal
      await source.db.$client`insert into drizzle.__drizzle_migrations (hash, created_at) values (${"f".repeat(64)}, ${Date.now() + 86_400_000})`;
      const file = join(dir, "newer.dump");
      await backupDatabase(source.url, file, { format: "builtin" });

      const refusal = await restoreDatabase(file, withDatabase(source.url, target)).then(() => undefined, (e: unknown) => e);
      expect(refusal).toBeInstanceOf(OperationError);
      expect((refusal as Error).message).toMatch(/taken from a newer release: 1 of its migrations are unknown/);
      const [exists] = await source.db.$client`select 1 from pg_database where datname = ${target}`;
      expect(exists).toBeUndefined();
    } finally {
      await source.db.$client.end();
    }
  }, 120_000);

  it("loads nothing from a file cut short, and says so in a sentence", async () => {
    const whole = join(dir, "whole.dump");
    await backupDatabase(testDatabaseUrl(), whole, { format: "builtin" });
    const cut = join(dir, "cut.dump");
    const bytes = readFileSync(whole);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const target = await freshDatabase("cut");
    try {
      const failure = await restoreDatabase(cut, target.url).then(() => undefined, (e: unknown) => e);
      expect(failure).toBeInstanceOf(OperationError);
      expect((failure as Error).message).toMatch(/is damaged or was cut short.*nothing was loaded/);
      const [{ n } = { n: -1 }] = await target.db.$client<{ n: number }[]>`
        select (select count(*) from organizations) + (select count(*) from stock_moves) + (select count(*) from orders) as n`;
      expect(Number(n)).toBe(0);
    } finally {
      await target.db.$client.end();
    }
  }, 120_000);
});
