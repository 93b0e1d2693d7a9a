import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stopOrphanedPostmaster } from "../tests/setup/postmaster";

/**
 * Runs right before `scripts/start.ts` in the e2e webServer command: every e2e run starts from an
 * empty data dir, so start.ts re-creates the database and loads the fresh demo seed. (A Playwright
 * globalSetup cannot do this: Playwright starts the webServer before globalSetup.)
 */
export const e2eDataDir = fileURLToPath(new URL("../.data/e2e-postgres", import.meta.url));

await stopOrphanedPostmaster(e2eDataDir, "e2e server");
rmSync(e2eDataDir, { recursive: true, force: true });
