import { startEmbeddedPostgres } from "./embedded";

export type ResolvedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

/**
 * `DATABASE_URL` when set, otherwise an embedded server in `dir` — the one switch every entry point
 * (start, dev, tests, bench) goes through.
 */
export async function resolveDatabase(options: {
  databaseUrl: string | undefined;
  dir: string;
  port: number;
  /** How the user picks another port (an environment variable), for the message when it is taken. */
  portSetting?: string;
  database: string;
}): Promise<ResolvedDatabase> {
  if (options.databaseUrl) return { url: options.databaseUrl, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres({ dir: options.dir, port: options.port, database: options.database, portSetting: options.portSetting });
  return { url: server.url, embedded: true, stop: server.stop };
}
