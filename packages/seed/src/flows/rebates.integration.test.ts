import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rebatePrograms, type Database } from "@cs/db";
import { STAR_DEALER } from "../base/demo";
import { testDb } from "../../../../tests/db";
import { seedDemoChannel } from "./channel";
import { seedDemoOrders } from "./orders";
import { seedDemoData } from "@cs/testing/demo";
import { seedDemoRebates } from "./rebates";

let db: Database;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  await seedDemoOrders(db);
  await seedDemoChannel(db);
}, 120_000);

describe("seedDemoRebates", () => {
  it("creates and runs a quarterly and a monthly program with statements in several states, once", async () => {
    expect(await seedDemoRebates(db)).toEqual({ seeded: true });
    expect(await seedDemoRebates(db)).toEqual({ seeded: false });
    const programs = await db.select().from(rebatePrograms).orderBy(rebatePrograms.code);
    expect(programs.map((p) => p.code)).toEqual(["RB-DEMO-M", "RB-DEMO-Q"]);
    const states = await db.execute<{ code: string; status: string; n: number; earning: number }>(sql`
      select p.code, s.status, count(*)::int as n, count(*) filter (where s.amount_fen > 0)::int as earning
        from rebate_statements s join rebate_programs p on p.id = s.program_id group by 1, 2 order by 1, 2`);
    const q = states.filter((s) => s.code === "RB-DEMO-Q");
    expect(q.map((s) => s.status)).toEqual(["draft", "approved", "published", "settled"]);
    expect(q.find((s) => s.status === "published")!.n).toBe(2);
    const [star] = await db.execute<{ status: string; amount_fen: string; balance_fen: string }>(sql`
      select s.status, s.amount_fen::text, b.balance_fen::text
        from rebate_statements s join organizations o on o.id = s.organization_id and o.code = ${STAR_DEALER}
        join rebate_balances b on b.organization_id = o.id
       where s.program_id = (select id from rebate_programs where code = 'RB-DEMO-Q')`);
    expect(star!.status).toBe("settled");
    expect(star!.balance_fen).toBe(star!.amount_fen);
    expect(states.reduce((sum, s) => sum + s.earning, 0)).toBeGreaterThan(0);
    const [m] = await db.select().from(rebatePrograms).where(eq(rebatePrograms.code, "RB-DEMO-M"));
    expect(m!.method).toBe("incremental");
  });
});
