import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, divisions, partnerTargets, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { importTargets, type TargetImportRow } from "./targets-import";
import { deleteTarget, listTargets, saveTarget, targetsQuery } from "./targets";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let manager: Ctx;
let salesSh: Ctx;
let salesBj: Ctx;
let marketing: Ctx;
let divisionCode: string;

const countTargets = async () => Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from partner_targets`))[0]!.n);
const rows = (...cells: string[][]): TargetImportRow[] => cells.map((c, i) => ({ row: i + 2, cells: c }));

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [manager, salesSh, salesBj, marketing] = (await Promise.all(["manager@demo.cn", "sales.sh@demo.cn", "sales.bj@demo.cn", "marketing@demo.cn"].map((l) => ctxOf(db, l)))) as [Ctx, Ctx, Ctx, Ctx];
  const [d] = await db.select({ code: divisions.code }).from(divisions).orderBy(divisions.code).limit(1);
  divisionCode = d!.code;
});

describe("targets on screen", () => {
  it("saves, edits with the version read, refuses bad periods, amounts and partners outside the scope", async () => {
    const dealer = await orgByCode(db, "DL-0001");
    const form = { organizationId: dealer.id, periodKind: "quarter", periodStart: "2026-07-01", amount: "12,345.67" };
    await expectUnchanged(db, () => expectDomainError(saveTarget(manager, { ...form, periodStart: "2026-08-01" }), { fields: { periodStart: ["channel.validation.periodStart"] } }));
    await expectUnchanged(db, () => expectDomainError(saveTarget(manager, { ...form, amount: "0" }), { fields: { amount: ["channel.validation.amountPositive"] } }));
    await expectUnchanged(db, () => expectDomainError(saveTarget(manager, { ...form, amount: "1.234" }), { fields: { amount: ["validation.money"] } }));
    // A Shanghai salesperson cannot target a Beijing dealer; marketing may not change targets at all.
    await expectUnchanged(db, () => expectDomainError(saveTarget(salesSh, form), { fields: { organizationId: ["channel.validation.partnerNotFound"] } }));
    await expectUnchanged(db, () => expectDomainError(saveTarget(marketing, form), { code: "errors.forbidden" }));
    expect(await countTargets()).toBe(0);

    const { id } = await saveTarget(salesBj, form);
    const again = await saveTarget(salesBj, form);
    expect(again.id).toBe(id);
    const [row] = await db.select().from(partnerTargets).where(eq(partnerTargets.id, id));
    expect(row).toMatchObject({ amountFen: 1_234_567n, version: 1, divisionId: null });

    await saveTarget(manager, { ...form, id, version: "1", amount: "20000" });
    await expectUnchanged(db, () => expectDomainError(saveTarget(manager, { ...form, id, version: "1", amount: "30000" }), { code: "errors.staleEdit" }));
    expect((await db.select().from(partnerTargets).where(eq(partnerTargets.id, id)))[0]).toMatchObject({ amountFen: 2_000_000n, version: 2 });
    expect(await db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "target.update")))).toHaveLength(1);

    const bj = await listTargets(salesBj, targetsQuery.parse({ periodKind: "quarter" }));
    expect(bj.rows.map((r) => r.id)).toContain(id);
    expect((await listTargets(salesSh, targetsQuery.parse({}))).rows).toHaveLength(0);
    await expectUnchanged(db, () => expectDomainError(deleteTarget(salesSh, id), { code: "errors.notFound" }));
    await deleteTarget(manager, id);
    expect(await countTargets()).toBe(0);
  });
});

describe("target import", () => {
  it("reports every bad row and imports nothing, then imports a good file once (a second import changes nothing)", async () => {
    const bad = rows(
      ["DL-0001", "quarter", "2026-07-01", "", "50000"],
      ["DL-0001", "month", "2026-07-15", "", "100"],
      ["NOPE-1", "年", "2026-01-01", "", "1"],
      ["DL-0002", "quarter", "2026-07-01", "ZZZ", "-5"],
      ["DL-0001", "quarter", "2026/7/1", "", "1.005"],
      ["DL-0001", "季度", "2026-07-01", "", "60000"],
    );
    const result = await importTargets(manager, bad);
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 3, column: "periodStart", message: "channel.validation.periodStart" },
        { row: 4, column: "partnerCode", message: "channel.validation.partnerNotFound" },
        { row: 5, column: "divisionCode", message: "channel.validation.divisionNotFound" },
        { row: 5, column: "amount", message: "validation.money" },
        { row: 6, column: "amount", message: "validation.money" },
        { row: 7, column: "partnerCode", message: "channel.import.duplicateRow" },
      ],
    });
    expect(await countTargets()).toBe(0);

    // Beijing's salesperson cannot import for a Shanghai partner (it is "not found" to them).
    const shDealer = (await db.execute<{ code: string }>(sql`select o.code from organizations o join organizations b on b.id = o.owner_branch_id where b.code = 'SH' and o.kind = 'dealer' order by o.code limit 1`))[0]!.code;
    expect(await importTargets(salesBj, rows([shDealer, "year", "2026-01-01", "", "1000"]))).toEqual({ ok: false, errors: [{ row: 2, column: "partnerCode", message: "channel.validation.partnerNotFound" }] });

    const good = rows(
      ["DL-0001", "quarter", "2026-07-01", "", "50,000.50"],
      ["DL-0001", "quarter", "2026-07-01", divisionCode, "20000"],
      ["DL-0002", "年", "2026/1/1", "", "1200000"],
    );
    expect(await importTargets(manager, good)).toEqual({ ok: true, rows: 3, created: 3, updated: 0, unchanged: 0 });
    expect(await importTargets(manager, good)).toEqual({ ok: true, rows: 3, created: 0, updated: 0, unchanged: 3 });
    const changed = rows(["DL-0001", "quarter", "2026-07-01", "", "60000"]);
    expect(await importTargets(manager, changed)).toEqual({ ok: true, rows: 1, created: 0, updated: 1, unchanged: 0 });
    const all = await db.select().from(partnerTargets).orderBy(partnerTargets.amountFen);
    expect(all.map((t) => t.amountFen)).toEqual([2_000_000n, 6_000_000n, 120_000_000n]);
  });
});
