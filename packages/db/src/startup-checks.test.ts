import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded";
import { checkDataVersion, checkPortFree, checkReachableByPostgresUser, StartupCheckError } from "./startup-checks";

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(mode = 0o755): string {
  // Under /tmp, which every user can enter, unless a test closes it on purpose.
  const dir = mkdtempSync(join(tmpdir(), "cs-startup-"));
  chmodSync(dir, mode);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function holdPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  cleanups.push(() => new Promise<void>((ok) => server.close(() => ok())));
  return (server.address() as { port: number }).port;
}

/** One plain sentence: a StartupCheckError whose message is a single line. */
async function sentence(run: () => unknown): Promise<string> {
  const error = await Promise.resolve().then(run).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StartupCheckError);
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  return message;
}

describe("startup checks of the embedded PostgreSQL", () => {
  it("refuses a data directory another PostgreSQL major version created, saying what to do", async () => {
    const dir = join(tempDir(), "postgres");
    mkdirSync(dir);
    writeFileSync(join(dir, "PG_VERSION"), "16\n");
    const message = await sentence(() => checkDataVersion(dir, 17));
    expect(message).toContain("created by PostgreSQL 16");
    expect(message).toContain(`mv ${dir} ${dir}-pg16`);
  });

  it("accepts a data directory of its own version and one not created yet", () => {
    const dir = tempDir();
    expect(() => checkDataVersion(join(dir, "missing"), 17)).not.toThrow();
    writeFileSync(join(dir, "PG_VERSION"), "17\n");
    expect(() => checkDataVersion(dir, 17)).not.toThrow();
  });

  it("refuses a port something already listens on, naming the setting that moves it", async () => {
    const port = await holdPort();
    const message = await sentence(() => checkPortFree(port, "PG_PORT"));
    expect(message).toContain(`Port ${port} is already in use`);
    expect(message).toContain("set PG_PORT to a free port");
  });

  it("stops before initialising anything: a held port leaves a fresh data directory empty", async () => {
    const port = await holdPort();
    const dir = join(tempDir(), "postgres");
    await sentence(() => startEmbeddedPostgres({ dir, port, database: "x", quiet: true, portSetting: "PG_PORT" }));
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it("stops before starting on a data directory of another version, which stays as it was", async () => {
    const dir = join(tempDir(), "postgres");
    mkdirSync(dir);
    writeFileSync(join(dir, "PG_VERSION"), "15\n");
    const port = await holdPortFreeLater();
    await sentence(() => startEmbeddedPostgres({ dir, port, database: "x", quiet: true }));
    expect(readdirSync(dir)).toEqual(["PG_VERSION"]);
  });

  it("as root, refuses a checkout inside a directory the postgres user cannot enter", async () => {
    const closed = tempDir(0o700);
    const checkout = join(closed, "checkout");
    mkdirSync(join(checkout, "bin"), { recursive: true });
    writeFileSync(join(checkout, "bin", "postgres"), "");
    const data = join(checkout, ".data", "postgres");
    if (process.getuid?.() === 0) {
      const message = await sentence(() => checkReachableByPostgresUser(data, join(checkout, "bin", "postgres")));
      expect(message).toContain(`cannot enter ${closed} (mode 700)`);
      chmodSync(closed, 0o711);
      expect(() => checkReachableByPostgresUser(data, join(checkout, "bin", "postgres"))).not.toThrow();
    } else {
      // Not root: the server runs as this user, who owns the directory, so there is nothing to refuse.
      expect(() => checkDataVersion(data, 17)).not.toThrow();
    }
  });
});

/** A port that was free a moment ago: the version check must fail before the port matters. */
async function holdPortFreeLater(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}
