import { createReadStream, createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import postgres from "postgres";
import { knownMigrations, migrateDatabase, migrationsTable, type MigrationId } from "@cs/db";
import { OperationError } from "./pg-tools";

/**
 * The built-in backup format, for servers no installed pg_dump can dump (the embedded PostgreSQL 17
 * next to Debian's pg_dump 15). Our schema is whatever the drizzle migrations build, so a backup
 * needs only which migrations were applied plus every app table's rows (COPY text format, which any
 * server version reads) and the sequence positions. One gzip stream:
 *
 *   MAGIC, frame(header JSON), per table: data frames ended by an empty frame, frame(trailer JSON)
 *
 * where a frame is a 4-byte big-endian length and that many bytes. Tables stream through, never
 * whole in memory. How to use it and what a restore checks: docs/operations/backup-and-recovery.md.
 */

const MAGIC = Buffer.from("CS-DB-BACKUP\n", "latin1");
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const APP_SCHEMA = "public";

type Sql = postgres.Sql | postgres.TransactionSql;

export type BuiltinHeader = {
  format: "cs-builtin";
  version: 1;
  takenAt: string;
  server: string;
  database: string;
  migrations: MigrationId[];
  tables: { name: string; columns: string[]; rows: number }[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
};

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const qualified = (name: string) => `${quote(APP_SCHEMA)}.${quote(name)}`;

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

const jsonFrame = (value: unknown) => {
  const body = Buffer.from(JSON.stringify(value));
  return Buffer.concat([u32(body.length), body]);
};

/** Whether `head` (the file's first bytes) starts a gzip stream, as every built-in backup does. */
export const looksBuiltin = (head: Buffer) => head.subarray(0, 2).equals(GZIP_MAGIC);

/**
 * Writes a built-in backup of `url` to `file`. One repeatable-read, read-only transaction: the row
 * counts in the header, the sequences and every table's rows come from the same snapshot.
 */
export async function writeBuiltinBackup(url: string, file: string): Promise<BuiltinHeader> {
  const sql = postgres(url, {
    max: 1,
    connect_timeout: 10,
    onnotice: () => {},
  });
  try {
    return await sql.begin("isolation level repeatable read read only", async (tx) => {
      const header = await readHeader(tx, decodeURIComponent(new URL(url).pathname.slice(1)));
      await pipeline(Readable.from(sections(tx, header)), createGzip({ level: 6 }), createWriteStream(file));
      return header;
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function readHeader(tx: Sql, database: string): Promise<BuiltinHeader> {
  const journal = `${quote(migrationsTable.schema)}.${quote(migrationsTable.table)}`;
  const [hasJournal] = await tx<{ ok: boolean }[]>`select to_regclass(${journal}) is not null as ok`;
  if (!hasJournal?.ok) {
    throw new OperationError(
      `The database ${database} has no migration journal (${journal}): it was not built by this application's migrations, so the built-in format cannot back it up.`,
    );
  }
  const [server] = await tx<{ v: string }[]>`select current_setting('server_version') as v`;
  const migrations = await tx.unsafe<{ hash: string; created_at: string }[]>(`select hash, created_at::text from ${journal} order by created_at, id`);
  const tables = await tx<{ name: string; columns: string[] }[]>`
    select c.relname as name, array_agg(a.attname::text order by a.attnum) as columns
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
     where n.nspname = ${APP_SCHEMA} and c.relkind = 'r'
     group by c.relname order by c.relname`;
  const counted = [];
  for (const t of tables) {
    const [row] = await tx.unsafe<{ n: string }[]>(`select count(*)::text as n from ${qualified(t.name)}`);
    counted.push({ name: t.name, columns: t.columns, rows: Number(row!.n) });
  }
  const sequenceNames = await tx<{ name: string }[]>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = ${APP_SCHEMA} and c.relkind = 'S' order by 1`;
  const sequences = [];
  for (const { name } of sequenceNames) {
    const [row] = await tx.unsafe<{ last_value: string; is_called: boolean }[]>(`select last_value::text, is_called from ${qualified(name)}`);
    sequences.push({
      name,
      lastValue: row!.last_value,
      isCalled: row!.is_called,
    });
  }
  return {
    format: "cs-builtin",
    version: 1,
    takenAt: new Date().toISOString(),
    server: server!.v,
    database,
    migrations: migrations.map((m) => ({
      hash: m.hash,
      createdAt: Number(m.created_at),
    })),
    tables: counted,
    sequences,
  };
}

async function* sections(tx: Sql, header: BuiltinHeader): AsyncGenerator<Buffer> {
  yield MAGIC;
  yield jsonFrame(header);
  for (const table of header.tables) {
    const columns = table.columns.map(quote).join(", ");
    const query = tx.unsafe(`copy ${qualified(table.name)} (${columns}) to stdout`);
    const rows = await query.readable();
    for await (const chunk of rows as AsyncIterable<Buffer>) {
      // an empty frame ends a table, so never write one for data
      if (chunk.length === 0) continue;
      yield u32(chunk.length);
      yield chunk;
    }
    // postgres.js (3.4) pauses its socket when the stream is full and resumes it only from the
    // stream's read(): if the pause came with the last rows, the ended stream never reads again and
    // the connection hangs. Resuming once more after the end is a no-op otherwise. Then await the
    // query, or postgres.js does not run the next one.
    rows._read(0);
    await query;
    yield u32(0);
  }
  yield jsonFrame({ end: true, tables: header.tables.length });
}

/** A built-in backup opened for reading: its header checked, its data not yet read. */
export type BuiltinBackup = {
  header: BuiltinHeader;
  frames: FrameReader;
  close: () => void;
};

/**
 * Opens `file` and checks, before anything is restored, that this code can rebuild the schema the
 * backup was taken from: its migrations must be this code's first N, in order.
 */
export async function openBuiltinBackup(file: string): Promise<BuiltinBackup> {
  const raw = createReadStream(file);
  const gunzip = createGunzip();
  raw.on("error", (error) => gunzip.destroy(error));
  const frames = new FrameReader(raw.pipe(gunzip)[Symbol.asyncIterator](), file);
  const close = () => {
    raw.destroy();
    gunzip.destroy();
  };
  try {
    if (!(await frames.take(MAGIC.length)).equals(MAGIC)) throw notABackup(file);
    const header = parseJson<BuiltinHeader>(await frames.frame());
    if (header?.format !== "cs-builtin" || header.version !== 1) throw notABackup(file);
    checkMigrations(header.migrations);
    return { header, frames, close };
  } catch (error) {
    close();
    throw error;
  }
}

export const notABackup = (file: string) =>
  new OperationError(`${file} is not a db:backup file (neither the built-in format nor pg_dump --format=custom).`);

function checkMigrations(recorded: MigrationId[]) {
  const known = knownMigrations();
  const unknown = recorded.filter((r) => !known.some((k) => k.hash === r.hash));
  if (unknown.length > 0) {
    throw new OperationError(
      `The backup was taken from a newer release: ${unknown.length} of its migrations are unknown to this code (the first from ${new Date(unknown[0]!.createdAt).toISOString()}). Restore it with that release or a later one; nothing was restored.`,
    );
  }
  recorded.forEach((r, i) => {
    if (known[i]?.hash !== r.hash) {
      throw new OperationError(
        `The backup's migration ${i + 1} is not this code's migration ${i + 1}: its schema cannot be rebuilt here; nothing was restored.`,
      );
    }
  });
}

/**
 * Loads an opened backup into the empty database at `url`: migrations up to the recorded ones (a
 * transaction of their own), then every table's rows and the sequences in one transaction, with
 * triggers and foreign keys off (session_replication_role = replica) so table order does not matter.
 */
export async function loadBuiltinBackup(backup: BuiltinBackup, url: string): Promise<void> {
  const { header, frames } = backup;
  await migrateDatabase(url, {
    upTo: header.migrations.at(-1)?.createdAt ?? 0,
  });
  const sql = postgres(url, {
    max: 1,
    connect_timeout: 10,
    onnotice: () => {},
  });
  try {
    const present = new Set(
      (await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = ${APP_SCHEMA}`).map((r) => r.name),
    );
    const missing = header.tables.filter((t) => !present.has(t.name)).map((t) => t.name);
    if (missing.length > 0) {
      throw new OperationError(
        `The backup holds tables the migrations do not create (${missing.join(", ")}): they were added by hand on the source, so the built-in format cannot restore them; nothing was loaded.`,
      );
    }
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`.catch((error: { code?: string }) => {
        if (error.code !== "42501") throw error;
        throw new OperationError(
          "Restoring a built-in backup needs a superuser connection (it loads tables with triggers and foreign-key checks off, session_replication_role = replica); nothing was loaded. Restore as a superuser, or make and restore a pg_dump backup instead.",
        );
      });
      for (const table of header.tables) {
        const columns = table.columns.map(quote).join(", ");
        const query = tx.unsafe(`copy ${qualified(table.name)} (${columns}) from stdin`);
        await pipeline(Readable.from(frames.tableData()), await query.writable());
        await query;
        const [row] = await tx.unsafe<{ n: string }[]>(`select count(*)::text as n from ${qualified(table.name)}`);
        if (Number(row!.n) !== table.rows) {
          throw new OperationError(
            `The table ${table.name} came back with ${row!.n} rows where the backup recorded ${table.rows}; nothing was loaded.`,
          );
        }
      }
      const trailer = parseJson<{ end?: boolean }>(await frames.frame());
      if (trailer?.end !== true) throw frames.damaged();
      for (const s of header.sequences) {
        await tx`select setval(${qualified(s.name)}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`;
      }
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function parseJson<T>(frame: Buffer): T | undefined {
  try {
    return JSON.parse(frame.toString()) as T;
  } catch {
    return undefined;
  }
}

/** Reads the length-prefixed frames out of the decompressed stream, a chunk at a time. */
class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly source: AsyncIterator<Buffer>,
    private readonly file: string,
  ) {}

  damaged(cause?: string) {
    return new OperationError(`${this.file} is damaged or was cut short${cause ? ` (${cause})` : ""}; nothing was loaded.`);
  }

  async take(n: number): Promise<Buffer> {
    const parts = [this.pending];
    let size = this.pending.length;
    while (size < n) {
      let next: IteratorResult<Buffer>;
      try {
        next = await this.source.next();
      } catch (error) {
        throw this.damaged((error as Error).message);
      }
      if (next.done) throw this.damaged();
      parts.push(next.value);
      size += next.value.length;
    }
    const all = parts.length === 1 ? this.pending : Buffer.concat(parts, size);
    this.pending = all.subarray(n);
    return all.subarray(0, n);
  }

  async frame(): Promise<Buffer> {
    const length = (await this.take(4)).readUInt32BE(0);
    return length === 0 ? Buffer.alloc(0) : this.take(length);
  }

  /** One table's COPY data, ending at its empty frame. */
  async *tableData(): AsyncGenerator<Buffer> {
    for (;;) {
      const frame = await this.frame();
      if (frame.length === 0) return;
      yield frame;
    }
  }
}
