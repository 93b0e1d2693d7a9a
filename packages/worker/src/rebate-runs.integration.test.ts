import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rebateRuns, rebateStatements, type Database } from "@cs/db";
import { createRebateProgram, requestRebateRun } from "@cs/domain";
import { ctxOf, seedDemoData } from "@cs/testing/demo";
import { createTestProduct } from "@cs/testing/inventory";
import { createRebatePartner, invoiceOn, programForm, setTarget } from "@cs/testing/rebate-programs";
import { testDb } from "../../../tests/db";
import { processNextRebateRun, startRebateRunWorker } from "./rebate-runs";

let db: Database;
const quiet = () => {};

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
});

async function queuedProgram(partners: number) {
  const finance = await ctxOf(db, "finance@demo.cn");
  const productId = await createTestProduct(db, `RW-${Math.random().toString(36).slice(2, 7)}`);
  const codes: string[] = [];
  for (let i = 0; i < partners; i++) {
    const p = await createRebatePartner(db, { branchId: null, prefix: "RW" });
    await invoiceOn(db, p.id, productId, 1_000_000n, "2024-02-01");
    await setTarget(db, p.id, "2024-01-01", 1_000_000n);
    codes.push(p.code);
  }
  const program = await createRebateProgram(finance, programForm({ eligiblePartners: codes.join(" ") }));
  return { program, run: await requestRebateRun(finance, program.id) };
}

describe("the rebate run worker", () => {
  it("takes the queued run, writes every partner's statement in chunks and reports the progress; an empty queue is a quiet pass", async () => {
    const { program, run } = await queuedProgram(3);
    const lines: string[] = [];
    expect(await processNextRebateRun(db, { chunkSize: 2, log: (l) => lines.push(l) })).toBe(true);
    const [done] = await db.select().from(rebateRuns).where(eq(rebateRuns.id, run.id));
    expect(done).toMatchObject({ status: "done", progressDone: 3, progressTotal: 3, statementsWritten: 3, lockedUntil: null });
    const statements = await db.select().from(rebateStatements).where(eq(rebateStatements.programId, program.id));
    expect(statements.map((s) => s.amountFen)).toEqual([20_000n, 20_000n, 20_000n]);
    expect(lines.join("\n")).toMatch(/done: 3\/3 partners, 3 statements/);
    expect(await processNextRebateRun(db, { log: quiet })).toBe(false);
  });

  it("picks up a run whose worker died (lease expired) and runs it when started as a poller", async () => {
    const { run } = await queuedProgram(1);
    await db.execute(sql`update rebate_runs set status = 'running', attempts = 1, locked_until = now() - interval '1 minute' where id = ${run.id}`);
    const worker = startRebateRunWorker(db, { pollMs: 50, log: quiet });
    try {
      await expect.poll(async () => (await db.select().from(rebateRuns).where(eq(rebateRuns.id, run.id)))[0]!.status, { timeout: 10_000 }).toBe("done");
    } finally {
      await worker.stop();
    }
    const [row] = await db.select().from(rebateRuns).where(eq(rebateRuns.id, run.id));
    expect(row!.attempts).toBe(2);
  });
});
