import { spawnSync } from "node:child_process";
import { constants } from "node:os";

/**
 * `npm test`: every check the project has, cheapest first, stopping at the first failure with its
 * exit code. Integration tests use DATABASE_URL when set, else an embedded PostgreSQL.
 */

type Step = { name: string; command: string; args: string[] };

const steps: Step[] = [
  { name: "typecheck (packages and apps)", command: "npx", args: ["turbo", "run", "typecheck"] },
  { name: "typecheck (root tooling)", command: "npx", args: ["tsc", "-p", "tsconfig.tooling.json"] },
  { name: "lint", command: "npx", args: ["eslint", "."] },
  { name: "structure (folder cycles, copied code)", command: "npx", args: ["tsx", "scripts/lint-structure.ts"] },
  { name: "unit + integration tests", command: "npx", args: ["vitest", "run"] },
  { name: "build", command: "npm", args: ["run", "build"] },
  { name: "end-to-end tests", command: "npx", args: ["tsx", "scripts/e2e.ts"] },
];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const timings: string[] = [];
const started = performance.now();

for (const step of steps) {
  const line = `── ${step.name}: ${[step.command, ...step.args].join(" ")} `;
  console.log(`\n${line}${"─".repeat(Math.max(0, 100 - line.length))}`);
  const stepStarted = performance.now();
  const result = spawnSync(step.command, step.args, { stdio: "inherit" });
  const took = seconds(performance.now() - stepStarted);
  const code = result.status ?? (result.signal ? 128 + constants.signals[result.signal] : 1);
  timings.push(`  ${code === 0 ? "ok  " : "FAIL"} ${step.name.padEnd(32)} ${took}`);
  if (code !== 0) {
    if (result.error) console.error(result.error.message);
    console.error(`\n✗ ${step.name} failed (exit code ${code}${result.signal ? `, ${result.signal}` : ""}) after ${took}`);
    console.error(timings.join("\n"));
    process.exit(code);
  }
  console.log(`✓ ${step.name} in ${took}`);
}

console.log(`\nAll checks passed in ${seconds(performance.now() - started)}:\n${timings.join("\n")}`);
