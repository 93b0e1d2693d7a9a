// Tooling-only entry (start, dev, tests, bench): kept out of the package index so the apps' bundles
// never pull in the embedded PostgreSQL binaries.
export { startEmbeddedPostgres, ensureDatabase, type EmbeddedServer } from "./embedded";
export { resolveDatabase, type ResolvedDatabase } from "./resolve";
export { StartupCheckError, checkEmbeddedStartup, checkDataVersion, checkPortFree, checkReachableByPostgresUser } from "./startup-checks";
export { PORTAL_ROLE, portalRoleProblems, portalUrlFrom, preparePortalRole } from "./portal-role";
