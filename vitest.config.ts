import { configDefaults, defineConfig } from "vitest/config";

// Tests run where the servers run: with prototype access through `__proto__` switched off.
const poolOptions = { forks: { execArgv: ["--disable-proto=throw"] } };

// e2e/ belongs to Playwright; build output and dependencies are never tests.
const exclude = [...configDefaults.exclude, "**/node_modules/**", "**/build/**", "**/.react-router/**", "e2e/**"];

export default defineConfig({
  test: {
    // Global (not per-project) options: the integration teardown drops databases and stops PostgreSQL.
    teardownTimeout: 30_000,
    poolOptions,
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["packages/**/src/**/*.test.ts", "apps/**/app/**/*.test.ts", "tests/**/*.test.ts"],
          exclude: [...exclude, "**/*.integration.test.ts"],
          testTimeout: 10_000,
          pool: "forks",
        },
      },
      {
        test: {
          name: "integration",
          environment: "node",
          include: [
            "packages/**/*.integration.test.ts",
            "apps/**/*.integration.test.ts",
            "tests/**/*.integration.test.ts",
          ],
          exclude,
          globalSetup: "./tests/setup/global-db.ts",
          setupFiles: ["./tests/setup/per-file-db.ts"],
          // Child processes: each file's connection pools and module state die with their process.
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
