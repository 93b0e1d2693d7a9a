import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { PeriodKind } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { moneyField } from "../validation/fields";
import { isPeriodStart } from "./periods";
import { channelPartnerScope } from "./scope";
import { upsertTargets, type TargetInput } from "./targets";

/** The import file's columns, in order (the template's header names them). */
export const targetImportColumns = ["partnerCode", "periodKind", "periodStart", "divisionCode", "amount"] as const;
export type TargetImportColumn = (typeof targetImportColumns)[number];

/** One data row of the file: its row number as the user sees it and its cells in column order. */
export type TargetImportRow = { row: number; cells: string[] };
export type TargetImportError = { row: number; column: TargetImportColumn; message: string };
export type TargetImportResult =
  | { ok: false; errors: TargetImportError[] }
  | { ok: true; rows: number; created: number; updated: number; unchanged: number };

export const MAX_TARGET_IMPORT_ROWS = 10_000;

const kindAliases: Record<string, PeriodKind> = { month: "month", monthly: "month", 月: "month", 月度: "month", quarter: "quarter", quarterly: "quarter", 季: "quarter", 季度: "quarter", year: "year", yearly: "year", annual: "year", 年: "year", 年度: "year" };

/** yyyy-mm-dd, also typed as yyyy/m/d or yyyy.m.d. */
function normaliseDate(v: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date ? null : date;
}

/**
 * Bulk targets from a sheet: every row is checked (partner in the actor's scope by code, period
 * kind, period start on the first day of its period, division code, amount in yuan with at most two
 * decimals, no key twice in the file) and nothing is written while any row is wrong. Good files are
 * one upsert, so importing the same file again changes nothing.
 */
export async function importTargets(ctx: Ctx, rows: readonly TargetImportRow[]): Promise<TargetImportResult> {
  authorize(ctx.actor, "target:manage");
  if (rows.length === 0) return { ok: false, errors: [{ row: 1, column: "partnerCode", message: "channel.import.empty" }] };
  if (rows.length > MAX_TARGET_IMPORT_ROWS) return { ok: false, errors: [{ row: 1, column: "partnerCode", message: "channel.import.tooManyRows" }] };
  const codes = [...new Set(rows.map((r) => (r.cells[0] ?? "").trim()).filter(Boolean))];
  const divisionCodes = [...new Set(rows.map((r) => (r.cells[3] ?? "").trim()).filter(Boolean))];
  const partners = new Map(
    (
      await ctx.db.execute<{ id: string; code: string }>(
        sql`select id, code from organizations where ${channelPartnerScope(ctx.actor)} and code = any(${`{${codes.map((c) => JSON.stringify(c)).join(",")}}`}::text[])`,
      )
    ).map((r) => [r.code, r.id]),
  );
  const divisionIds = new Map(
    (await ctx.db.execute<{ id: string; code: string }>(sql`select id, code from divisions where code = any(${`{${divisionCodes.map((c) => JSON.stringify(c)).join(",")}}`}::text[])`)).map((r) => [r.code, r.id]),
  );

  const errors: TargetImportError[] = [];
  const valid: Omit<TargetInput, "id" | "version">[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const [code = "", kindText = "", startText = "", divisionCode = "", amountText = ""] = cells.map((c) => (c ?? "").trim());
    const fail = (column: TargetImportColumn, message: string) => errors.push({ row, column, message });
    const organizationId = partners.get(code);
    if (!code) fail("partnerCode", "validation.required");
    else if (!organizationId) fail("partnerCode", "channel.validation.partnerNotFound");
    const periodKind = kindAliases[kindText.toLowerCase()];
    if (!periodKind) fail("periodKind", "channel.validation.periodKind");
    const periodStart = normaliseDate(startText);
    if (!periodStart) fail("periodStart", "validation.date");
    else if (periodKind && !isPeriodStart(periodKind, periodStart)) fail("periodStart", "channel.validation.periodStart");
    const divisionId = divisionCode ? divisionIds.get(divisionCode) : undefined;
    if (divisionCode && !divisionId) fail("divisionCode", "channel.validation.divisionNotFound");
    const amount = moneyField.safeParse(amountText);
    if (!amount.success) fail("amount", amountText ? "validation.money" : "validation.required");
    else if (amount.data <= 0n) fail("amount", "channel.validation.amountPositive");
    if (!organizationId || !periodKind || !periodStart || (divisionCode && !divisionId) || !amount.success || amount.data <= 0n) continue;
    const key = `${organizationId}|${periodKind}|${periodStart}|${divisionId ?? ""}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail("partnerCode", "channel.import.duplicateRow");
      continue;
    }
    seen.set(key, row);
    valid.push({ organizationId, periodKind, periodStart, divisionId, amount: amount.data });
  }
  if (errors.length) return { ok: false, errors };

  return inTransaction(ctx, async (tx, tctx) => {
    const existing = await tx.execute<{ n: number }>(sql`
      select count(*)::int as n from partner_targets t
        join (select * from unnest(${`{${valid.map((v) => v.organizationId).join(",")}}`}::uuid[], ${`{${valid.map((v) => v.periodKind).join(",")}}`}::period_kind[],
                                   ${`{${valid.map((v) => v.periodStart).join(",")}}`}::date[], ${`{${valid.map((v) => v.divisionId ?? "NULL").join(",")}}`}::uuid[])
              as k(organization_id, period_kind, period_start, division_id)) k
          on k.organization_id = t.organization_id and k.period_kind = t.period_kind and k.period_start = t.period_start
         and k.division_id is not distinct from t.division_id`);
    const written = await upsertTargets(tctx, valid);
    const changed = written.filter((w) => w.changed).length;
    const created = written.length - changed;
    const before = existing[0]?.n ?? 0;
    const result = { ok: true as const, rows: valid.length, created, updated: changed, unchanged: before - changed };
    if (written.length)
      await recordAudit(tx, ctx.actor, { action: "target.import", entity: "partner_target_import", entityId: randomUUID(), after: { ...result, targets: written.map((w) => w.id) } });
    return result;
  });
}
