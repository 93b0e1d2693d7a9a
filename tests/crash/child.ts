import { createDatabase } from "@cs/db";
import { recordPayment } from "@cs/domain/billing/payments";
import { postStocktake } from "@cs/domain/inventory/documents/stocktakes";
import { submitOrder } from "@cs/domain/orders/submit-order";
import { ctxOf } from "@cs/testing/demo";
import { processNextRebateRun } from "@cs/worker/rebate-runs";

/**
 * The process the crash tests kill: one real domain operation against the database in argv, as the
 * portal, the back-office or the worker would run it, then its result as JSON on stdout. Run with
 * `node --import tsx tests/crash/child.ts <operation> <database-url> <input-json>`.
 */
export type Operation = "checkout" | "payment" | "stocktake" | "rebate-run";
type Input = { login?: string; form?: Record<string, unknown>; id?: string; chunkSize?: number };

const [operation, url, json] = process.argv.slice(2) as [Operation, string, string];
const input = JSON.parse(json) as Input;
const db = createDatabase(url, { max: 2 });

async function perform(): Promise<unknown> {
  switch (operation) {
    case "checkout":
      return submitOrder(await ctxOf(db, input.login!), input.form);
    case "payment":
      return recordPayment(await ctxOf(db, input.login!), input.form);
    case "stocktake":
      return postStocktake(await ctxOf(db, input.login!), input.id!);
    case "rebate-run":
      return processNextRebateRun(db, { chunkSize: input.chunkSize, log: () => {} });
  }
}

try {
  const result = await perform();
  process.stdout.write(JSON.stringify(result, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
} finally {
  await db.$client.end({ timeout: 5 });
}
