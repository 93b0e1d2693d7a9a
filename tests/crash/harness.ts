import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import type { Database } from "@cs/db";
import type { Operation } from "./child";

/**
 * Killing a process in the middle of a transaction, without timing: the test takes a row lock the
 * operation must wait for, spawns the operation in a child process, watches pg_stat_activity until
 * the child's transaction has written something (it has a transaction id) and waits on that lock,
 * then SIGKILLs the child. Every wait is on a condition, with a generous limit for a busy machine.
 */

const root = new URL("../..", import.meta.url).pathname;
const LIMIT_MS = 120_000;

export type Exit = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };
export type Child = { process: ChildProcess; name: string; exited: Promise<Exit> };

export function spawnOperation(url: string, operation: Operation, input: unknown): Child {
  // The child's connections carry this name, so pg_stat_activity tells its backends from ours.
  const name = `crash-${operation}-${randomBytes(4).toString("hex")}`;
  const withName = new URL(url);
  withName.searchParams.set("application_name", name);
  const child = spawn(process.execPath, ["--import", "tsx", "tests/crash/child.ts", operation, withName.toString(), JSON.stringify(input)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { process: child, name, exited };
}

/** Runs the operation in a fresh process to its end (the "restarted" server) and returns its result. */
export async function runOperation<T>(url: string, operation: Operation, input: unknown): Promise<T> {
  const exit = await spawnOperation(url, operation, input).exited;
  if (exit.code !== 0) throw new Error(`${operation} exited with ${exit.code ?? exit.signal}: ${exit.stderr}`);
  return JSON.parse(exit.stdout) as T;
}

export type Lock = { release: () => Promise<void> };

/** Runs `statements` in a transaction of its own connection and keeps it open (and its locks held). */
export async function holdLocks(db: Database, statements: (sql: postgres.ReservedSql) => Promise<unknown>): Promise<Lock> {
  const conn = await db.$client.reserve();
  await conn`begin`;
  await statements(conn);
  return {
    release: async () => {
      await conn`rollback`;
      conn.release();
    },
  };
}

/**
 * Waits until the child's backend is inside a transaction that has written (it holds a transaction
 * id) and is blocked on a lock, in a statement matching `query`; returns the backend's pid.
 */
export async function waitUntilBlocked(db: Database, child: Child, query: RegExp): Promise<number> {
  let exited: Exit | undefined;
  void child.exited.then((e) => (exited = e));
  for (const started = Date.now(); Date.now() - started < LIMIT_MS; ) {
    if (exited) throw new Error(`the ${child.name} process ended before it blocked (${exited.code ?? exited.signal}): ${exited.stderr}`);
    const rows = await db.$client<{ pid: number; query: string }[]>`
      select pid, query from pg_stat_activity
       where application_name = ${child.name} and state = 'active' and wait_event_type = 'Lock' and backend_xid is not null`;
    const blocked = rows.find((r) => query.test(r.query));
    if (blocked) return blocked.pid;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the ${child.name} process never blocked on the test's lock`);
}

/**
 * SIGKILLs the child, then lets its backend go: the lock is released, the backend finds its client
 * gone and rolls back. Returns once no backend of the child is left.
 */
export async function killMidTransaction(db: Database, child: Child, lock: Lock): Promise<Exit> {
  child.process.kill("SIGKILL");
  const exit = await child.exited;
  await lock.release();
  for (const started = Date.now(); Date.now() - started < LIMIT_MS; ) {
    const [row] = await db.$client<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where application_name = ${child.name}`;
    if (row!.n === 0) return exit;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the backend of ${child.name} outlived its client`);
}

/**
 * The whole sequence: take the test's lock, start the operation, wait until it blocks on the lock in
 * a statement matching `blockedIn` with earlier writes done, look (`whileBlocked`), SIGKILL it. On
 * any failure on the way the child is killed and the lock released too, so nothing is left behind.
 */
export async function crashDuring(
  db: Database,
  options: {
    operation: Operation;
    url: string;
    input: unknown;
    lock: (sql: postgres.ReservedSql) => Promise<unknown>;
    blockedIn: RegExp;
    whileBlocked?: () => Promise<void>;
  },
): Promise<Exit> {
  const lock = await holdLocks(db, options.lock);
  const child = spawnOperation(options.url, options.operation, options.input);
  try {
    await waitUntilBlocked(db, child, options.blockedIn);
    await options.whileBlocked?.();
  } catch (error) {
    child.process.kill("SIGKILL");
    await child.exited;
    await lock.release();
    throw error;
  }
  return killMidTransaction(db, child, lock);
}
