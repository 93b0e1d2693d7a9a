/** What the integration global setup hands to every test file (vitest `provide` → `inject`). */
export type TestDatabaseContext = {
  /** A connection URL with the right to CREATE/DROP DATABASE; its own database is never written to. */
  adminUrl: string;
  /** The migrated database every test file's database is copied from. */
  template: string;
  /** Every per-file database name starts with this, so teardown can find leftovers of crashed files. */
  filePrefix: string;
};

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabaseContext;
  }
}
