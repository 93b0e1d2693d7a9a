import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { z } from "zod";
import { auditLog, campaigns, leadEvents, leads } from "@cs/db";
import { authorize } from "../access/authorize";
import { toAuditJson } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid } from "../shared/parse";
import { leadInput, type LeadFields } from "./leads";

/** The import sheet's columns, in order (the template's header names them in either language). */
export const leadImportColumns = ["name", "company", "mobile", "email", "creditCode", "province", "city", "interest"] as const;
export const MAX_LEAD_IMPORT_ROWS = 200_000;
const CHUNK = 1000;

export type LeadImportRow = { row: number; cells: string[] };
export type LeadImportError = { row: number; column: string; message: string };
export type LeadImportResult = { rows: number; created: number; merged: number; errors: LeadImportError[] };

/**
 * The data rows of an XLSX, read as a stream (a trade show's 100,000 rows never sit in memory as a
 * workbook), with the row numbers Excel shows. A first row without a digit in the mobile column is
 * the header and skipped; blank rows are skipped.
 */
export async function readLeadXlsx(data: Readable | Uint8Array): Promise<LeadImportRow[]> {
  const input = data instanceof Readable ? data : Readable.from([Buffer.from(data)]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", worksheets: "emit", entries: "ignore" });
  const rows: LeadImportRow[] = [];
  for await (const sheet of reader) {
    for await (const r of sheet as AsyncIterable<ExcelJS.Row>) {
      // cell.text renders numbers, rich text and hyperlinks as Excel shows them
      const cells = leadImportColumns.map((_, c) => r.getCell(c + 1).text ?? "");
      if (cells.every((c) => !c.trim())) continue;
      if (r.number === 1 && !/\d/.test(cells[2] ?? "")) continue;
      rows.push({ row: r.number, cells });
      if (rows.length > MAX_LEAD_IMPORT_ROWS) return rows;
    }
    break; // the first sheet only
  }
  return rows;
}

type Valid = LeadFields & { row: number };

/** Each row checked with the lead form's own rules; the errors name the row and the column. */
export function checkLeadRows(rows: readonly LeadImportRow[]): { valid: Valid[]; errors: LeadImportError[] } {
  const valid: Valid[] = [];
  const errors: LeadImportError[] = [];
  for (const { row, cells } of rows) {
    const raw = Object.fromEntries(leadImportColumns.map((k, i) => [k, cells[i] ?? ""]));
    const parsed = leadInput.safeParse(raw);
    if (parsed.success) valid.push({ ...parsed.data, row });
    else for (const issue of parsed.error.issues) errors.push({ row, column: String(issue.path[0] ?? "name"), message: issue.message });
  }
  return { valid, errors };
}

const keysOf = (l: { mobile?: string | null; email?: string | null; creditCode?: string | null }) => [l.mobile ? `m:${l.mobile}` : null, l.email ? `e:${l.email}` : null, l.creditCode ? `c:${l.creditCode}` : null].filter((k): k is string => k !== null);
const textArray = (values: string[]) => `{${values.map((v) => JSON.stringify(v)).join(",")}}`;

export const importLeadsInput = z.object({ campaignId: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()) });

/**
 * Staff (lead:manage) import a trade show's list: the good rows go in, the bad ones come back by
 * row and column. A row repeating a live lead — or an earlier row of the file — by mobile, e-mail
 * or credit code is merged into that lead as an event, never a second row. Set-based: one lookup
 * of the existing leads, inserts in chunks, under a lock that holds other intakes until it commits.
 * Once per form `_key`.
 */
export async function importLeads(ctx: Ctx, raw: { _key?: unknown; campaignId?: unknown }, rows: readonly LeadImportRow[]): Promise<LeadImportResult> {
  authorize(ctx.actor, "lead:manage");
  const { campaignId } = importLeadsInput.parse({ campaignId: raw.campaignId });
  if (campaignId !== undefined && !isUuid(campaignId)) throw new ValidationError({ campaignId: ["validation.invalid"] });
  if (rows.length === 0) throw new ValidationError({ file: ["leads.import.empty"] });
  if (rows.length > MAX_LEAD_IMPORT_ROWS) throw new ValidationError({ file: ["leads.import.tooManyRows"] });
  const { valid, errors } = checkLeadRows(rows);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), { campaignId, rows: rows.length, first: rows[0], last: rows.at(-1) }, async () => {
      if (campaignId) {
        const [c] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaignId));
        if (!c) throw new ValidationError({ campaignId: ["validation.invalid"] });
      }
      // other intakes (forms, the landing page) wait for the import rather than race its lookups
      await tx.execute(sql`lock table leads in share row exclusive mode`);
      const existing = new Map<string, string>();
      const all = (k: "mobile" | "email" | "creditCode") => [...new Set(valid.map((v) => v[k]).filter((x): x is string => !!x))];
      const found = await tx.execute<{ id: string; mobile: string | null; email: string | null; credit_code: string | null }>(sql`
        select id, mobile, email, credit_code from leads
         where status not in ('won', 'lost')
           and (mobile = any(${textArray(all("mobile"))}::text[]) or email = any(${textArray(all("email"))}::text[]) or credit_code = any(${textArray(all("creditCode"))}::text[]))
         order by created_at desc, id desc`);
      // oldest last, so the oldest lead wins each key
      for (const l of found) for (const k of keysOf({ mobile: l.mobile, email: l.email, creditCode: l.credit_code })) existing.set(k, l.id);

      const now = new Date();
      const newLeads: (typeof leads.$inferInsert)[] = [];
      const events: (typeof leadEvents.$inferInsert)[] = [];
      for (const v of valid) {
        const keys = keysOf(v);
        const target = keys.map((k) => existing.get(k)).find((id) => id !== undefined);
        const { row, ...fields } = v;
        if (target) {
          events.push({ leadId: target, kind: "merged", data: toAuditJson({ ...fields, row, source: "import", campaignId: campaignId ?? null }), actorId: ctx.actor.userId, createdAt: now });
          for (const k of keys) if (!existing.has(k)) existing.set(k, target);
          continue;
        }
        const id = randomUUID();
        for (const k of keys) existing.set(k, id);
        newLeads.push({
          id,
          name: fields.name,
          company: fields.company ?? null,
          mobile: fields.mobile ?? null,
          email: fields.email ?? null,
          creditCode: fields.creditCode ?? null,
          province: fields.province ?? null,
          city: fields.city ?? null,
          interest: fields.interest ?? null,
          source: "import",
          campaignId: campaignId ?? null,
          createdBy: ctx.actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        events.push({ leadId: id, kind: "captured", data: { source: "import", row, campaignId: campaignId ?? null }, actorId: ctx.actor.userId, createdAt: now });
      }
      for (let i = 0; i < newLeads.length; i += CHUNK) await tx.insert(leads).values(newLeads.slice(i, i + CHUNK));
      for (let i = 0; i < events.length; i += CHUNK) await tx.insert(leadEvents).values(events.slice(i, i + CHUNK));
      const summary = { rows: rows.length, created: newLeads.length, merged: valid.length - newLeads.length, errors: errors.slice(0, 5000) };
      await tx.insert(auditLog).values({
        actorId: ctx.actor.userId,
        actorOrganizationId: ctx.actor.organizationId,
        action: "lead.import",
        entity: "lead_import",
        entityId: randomUUID(),
        after: toAuditJson({ campaignId: campaignId ?? null, rows: rows.length, created: summary.created, merged: summary.merged, rejected: new Set(errors.map((e) => e.row)).size }),
        ip: ctx.actor.ip ?? null,
      });
      return summary;
    });
    return result as LeadImportResult;
  });
}
