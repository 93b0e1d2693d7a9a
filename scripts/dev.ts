import { spawn, type ChildProcess } from "node:child_process";
import { demoSignIns } from "@cs/seed";
import { StartupCheckError } from "@cs/db/local-server";
import { prepareDatabase, sessionSecret } from "./lib/database";

/** `npm run dev`: the same database preparation as `npm start`, then both apps with hot reload. */
async function main() {
  const db = await prepareDatabase();
  const env = { ...process.env, DATABASE_URL: db.url, PORTAL_DATABASE_URL: db.portalUrl, SESSION_SECRET: sessionSecret(), NODE_ENV: "development" };
  const children: ChildProcess[] = [
    spawn("npx", ["react-router", "dev", "--port", process.env.PORTAL_PORT ?? "3000"], { cwd: "apps/portal", env, stdio: "inherit" }),
    spawn("npx", ["react-router", "dev", "--port", process.env.BACKOFFICE_PORT ?? "3001"], { cwd: "apps/backoffice", env, stdio: "inherit" }),
    spawn("npx", ["tsx", "scripts/worker.ts"], { env, stdio: "inherit" }),
  ];
  console.log(`\n  Database ${db.embedded ? "embedded PostgreSQL" : "DATABASE_URL"}; demo sign-ins use the password Demo@2026:`);
  for (const s of demoSignIns) console.log(`    ${s.app.padEnd(10)} ${s.login}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill("SIGTERM");
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  for (const child of children) child.on("exit", () => void stop());
}

main().catch((error) => {
  // A failed startup check is one sentence saying what to do; its stack trace would only bury it.
  console.error(error instanceof StartupCheckError ? error.message : error);
  process.exit(1);
});
