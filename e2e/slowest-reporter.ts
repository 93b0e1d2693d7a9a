import path from "node:path";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

type Timing = { title: string; duration: number; timeout: number; status: string; error?: string };

/**
 * Prints the ten slowest tests after a run with their share of their own timeout, so a suite that
 * drifts towards its timeouts shows it long before a slower machine fails it (the suite keeps
 * every test under half its timeout).
 */
export default class SlowestReporter implements Reporter {
  private readonly timings = new Map<string, Timing>();

  onTestEnd(test: TestCase, result: TestResult) {
    // test.timeout is the timeout the test ended with, including its own test.setTimeout().
    const file = path.basename(test.location.file);
    const error = result.error?.message?.split("\n").find((line) => line.trim() !== "");
    this.timings.set(test.id, {
      title: `${file}:${test.location.line} › ${test.title}`,
      duration: result.duration,
      timeout: test.timeout,
      status: result.status,
      error,
    });
  }

  onEnd(_result: FullResult) {
    const slowest = [...this.timings.values()].sort((a, b) => b.duration - a.duration).slice(0, 10);
    if (slowest.length === 0) return;
    const lines = slowest.map((t) => {
      const share = t.timeout > 0 ? Math.round((t.duration / t.timeout) * 100) : 0;
      const flag = share >= 50 ? "  ← over half its timeout" : "";
      const title = t.title.length > 90 ? `${t.title.slice(0, 89)}…` : t.title;
      return `  ${(t.duration / 1000).toFixed(1).padStart(6)}s / ${String(t.timeout / 1000).padStart(4)}s ${String(share).padStart(3)}%  ${title}${t.status === "passed" ? "" : ` (${t.status})`}${flag}`;
    });
    console.log(`\nSlowest e2e tests (duration / timeout, share):\n${lines.join("\n")}`);
    // Repeated last because CI keeps only the tail of a long log: the list reporter's failure
    // report scrolls out of it, and "48 passed" alone does not say which test did not.
    const failed = [...this.timings.values()].filter((t) => t.status !== "passed" && t.status !== "skipped");
    if (failed.length > 0) {
      const failures = failed.map((t) => `  ✘ ${t.title} (${t.status}, ${(t.duration / 1000).toFixed(1)}s)${t.error ? `\n      ${t.error.replace(/\u001b\[[0-9;]*m/g, "").slice(0, 300)}` : ""}`);
      console.log(`\nFailed e2e tests:\n${failures.join("\n")}`);
    }
  }

  printsToStdio() {
    // The list reporter owns the terminal; this one only adds its table at the end.
    return false;
  }
}
