import { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { PostgresJsSession } from "drizzle-orm/postgres-js/session";
import type postgres from "postgres";
import { preparing, type Database } from "./client";

/** A role and `app.*` settings that every statement of a handle runs under, local to its transaction. */
export type SessionSettings = { role: string; values: Record<string, string> };

const settingName = /^app\.[a-z_]+$/;

/** One prepared statement that switches the role and sets the values with `set_config(…, true)`. */
function settingStatement(settings: SessionSettings) {
  const names = Object.keys(settings.values);
  for (const name of names) if (!settingName.test(name)) throw new Error(`invalid setting name ${name}`);
  const calls = ["set_config('role', $1, true)", ...names.map((name, i) => `set_config('${name}', $${i + 2}, true)`)];
  return { text: `select ${calls.join(", ")}`, params: [settings.role, ...names.map((n) => settings.values[n]!)] };
}

type Statement = ReturnType<typeof settingStatement>;
type Pending = PromiseLike<unknown> & { values(): Pending; execute(): Pending; catch(f: (e: unknown) => unknown): Promise<unknown> };

/**
 * A statement outside any transaction, run in its own one on a reserved connection: begin, the
 * settings, the statement and commit go out back to back (one round trip). A failed statement makes
 * the commit a rollback; the connection returns to the pool either way.
 */
function standalone(pool: postgres.Sql, setting: Statement, query: string, args: unknown[] | undefined, options: postgres.UnsafeQueryOptions | undefined): Pending {
  let arrays = false;
  let started: Promise<unknown> | undefined;
  const run = () =>
    (started ??= (async () => {
      const conn = await pool.reserve();
      try {
        const sql = preparing(conn);
        const begin = sql.unsafe("begin").execute();
        const set = sql.unsafe(setting.text, setting.params as never[]).execute();
        const statement = sql.unsafe(query, args as never[], options);
        const main = (arrays ? statement.values() : statement).execute();
        const commit = sql.unsafe("commit").execute();
        const results = await Promise.allSettled([begin, set, main, commit]);
        for (const r of results) if (r.status === "rejected") throw r.reason;
        return (results[2] as PromiseFulfilledResult<unknown>).value;
      } finally {
        conn.release();
      }
    })());
  const pending: Pending = {
    values() {
      arrays = true;
      return pending;
    },
    execute() {
      void run().catch(() => {});
      return pending;
    },
    then: (ok, ko) => run().then(ok, ko),
    catch: (ko) => run().catch(ko),
  };
  return pending;
}

/** The pool as seen by a settings-bound handle: every transaction starts with the settings. */
function bound(pool: postgres.Sql, setting: Statement): postgres.Sql {
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property === "unsafe")
        return (query: string, args?: unknown[], options?: postgres.UnsafeQueryOptions) => standalone(target, setting, query, args, options);
      if (property === "begin")
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: postgres.Sql) => {
            // queued ahead of the first statement of fn, so it costs no round trip of its own
            void tx.unsafe(setting.text, setting.params as never[]).execute();
            return fn(tx);
          });
        };
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * A handle on the same pool whose every statement runs under the given role and settings: each
 * transaction sets them first (`set_config(…, true)`, so they end with it and never leak to the
 * next user of the connection), and a statement outside a transaction gets a transaction of its own.
 * Used by the portal so row-level security applies to all it does (docs/decisions/019).
 */
export function withSessionSettings(db: Database, settings: SessionSettings): Database {
  const { dialect, _ } = db as unknown as { dialect: ConstructorParameters<typeof PostgresJsDatabase>[0]; _: { fullSchema: unknown; schema: unknown; tableNamesMap: unknown } };
  const schema = { fullSchema: _.fullSchema, schema: _.schema, tableNamesMap: _.tableNamesMap } as ConstructorParameters<typeof PostgresJsSession>[2];
  const client = bound(db.$client, settingStatement(settings));
  const session = new PostgresJsSession(client, dialect, schema, {});
  const handle = new PostgresJsDatabase(dialect, session as never, schema as never) as Database;
  // the pool itself: per-pool caches (the SLA calendar and its LISTEN) must see one pool, not a handle per request
  handle.$client = db.$client;
  return handle;
}
