import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { PgTransaction } from "drizzle-orm/pg-core";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PostgresJsDatabase<Schema> & { $client: postgres.Sql };
export type Transaction = PgTransaction<PostgresJsQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Domain functions accept either, so a caller can compose them inside its own transaction. */
export type DatabaseOrTransaction = Database | Transaction;

export function createDatabase(url: string, options: { max?: number } = {}): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // bigint columns come back as JS bigint: money never passes through a float.
    types: { bigint: postgres.BigInt },
    connection: { TimeZone: "UTC" },
  });
  return drizzle({ client: preparing(client), schema, casing: "snake_case" }) as Database;
}

/**
 * The pool as drizzle sees it, with every query that has parameters run as a named prepared
 * statement (postgres.js caches it per connection by its text and parameter types). Drizzle asks
 * postgres.js not to prepare, and postgres.js then sends such a query in two round trips (parse and
 * describe, wait for the parameter types, then bind and execute) and PostgreSQL parses and plans it
 * every time; prepared, a repeated query is one round trip, parsed once per connection. Queries
 * without parameters keep the simple protocol (one round trip, several statements allowed).
 * Transactions and savepoints hand drizzle a wrapped connection too.
 */
export function preparing(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe")
        return (query: string, args?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, args as never[], args?.length ? { ...options, prepare: true } : options);
      if (property === "begin")
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: postgres.Sql) => fn(preparing(tx)));
        };
      if (property === "savepoint")
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.Sql) => unknown;
          return (target as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint(...args, (tx: postgres.Sql) => fn(preparing(tx)));
        };
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * Runs a drizzle `sql` as a named prepared statement (postgres.js caches it per connection by its
 * text), so hot statements are planned once per connection rather than on every call. Drizzle's
 * `execute` never prepares raw SQL.
 */
export async function executePrepared<T extends Record<string, unknown>>(db: DatabaseOrTransaction, query: SQL): Promise<T[]> {
  const { dialect, session } = db as unknown as { dialect: PgDialect; session: { client: postgres.Sql } };
  const compiled = dialect.sqlToQuery(query);
  return (await session.client.unsafe(compiled.sql, compiled.params as never[], { prepare: true })) as unknown as T[];
}

/**
 * Sends prepared statements back to back on the connection without waiting in between (one round
 * trip for all), in the order given: inside a transaction each sees what the ones before it wrote.
 * The first failure rejects; a failed statement aborts the transaction, so the later ones fail too.
 */
export function executePreparedInOrder<T extends Record<string, unknown>>(db: DatabaseOrTransaction, queries: SQL[]): Promise<T[][]> {
  const { dialect, session } = db as unknown as { dialect: PgDialect; session: { client: postgres.Sql } };
  // execute() queues each statement now, in this order (awaiting would queue them a microtask later, in no promised order)
  const started = queries.map((query) => {
    const compiled = dialect.sqlToQuery(query);
    return session.client.unsafe(compiled.sql, compiled.params as never[], { prepare: true }).execute();
  });
  return Promise.all(started) as unknown as Promise<T[][]>;
}


const pools = globalThis as unknown as { __csPools?: Map<string, Database> };

/**
 * The process's pool for a connection URL: created on first use and handed out to every later
 * caller, so a server holds one pool per role whatever asks (both apps in one process share the
 * owner's), and dev hot reloads, which re-evaluate modules, do not leak pools (kept on globalThis).
 */
export function sharedPool(url: string, max = 10): Database {
  pools.__csPools ??= new Map();
  let db = pools.__csPools.get(url);
  if (!db) {
    db = createDatabase(url, { max });
    pools.__csPools.set(url, db);
  }
  return db;
}
