import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { z } from "zod";
import { auditLog, campaigns, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { toAuditJson } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { hasKey } from "../shared/keys";
import { isUuid } from "../shared/parse";
import { pgArray } from "../shared/pg-array";
import { leadInput, type LeadFields } from "./leads";

/** The import sheet's columns, in order (the template's header names them in either language). */
export const leadImportColumns = ["name", "company", "mobile", "email", "creditCode", "province", "city", "interest"] as const;
export const MAX_LEAD_IMPORT_ROWS = 200_000;
/** Rows checked, matched and inserted together: one lookup and two INSERT … unnest per batch. */
const BATCH = 5000;
/** The errors kept for the answer (the audit counts every rejected row). */
const MAX_ERRORS = 5000;

export type LeadImportRow = { row: number; cells: string[] };
export type LeadImportError = { row: number; column: string; message: string };
export type LeadImportResult = { rows: number; created: number; merged: number; errors: LeadImportError[] };
/** The rows to import as they are read, and what identifies the upload (a retried form sends the same). */
export type LeadImportSource = { file: { name: string; bytes: number }; rows: AsyncIterable<LeadImportRow> | Iterable<LeadImportRow> };

/**
 * The data rows of an XLSX as a stream, with the row numbers Excel shows: neither the workbook nor
 * the rows are ever held whole, so the import consumes each batch as it is read. A first row
 * without a digit in the mobile column is the header and skipped; blank rows are skipped. A file
 * that is not a readable workbook is `leads.import.unreadable` on the file field.
 */
export async function* readLeadXlsx(data: Readable | Uint8Array): AsyncGenerator<LeadImportRow> {
  const input = data instanceof Readable ? data : Readable.from([Buffer.from(data)]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", worksheets: "emit", entries: "ignore" });
  try {
    for await (const sheet of reader) {
      for await (const r of sheet as AsyncIterable<ExcelJS.Row>) {
        // cell.text renders numbers, rich text and hyperlinks as Excel shows them
        const cells = leadImportColumns.map((_, c) => r.getCell(c + 1).text ?? "");
        if (cells.every((c) => !c.trim())) continue;
        if (r.number === 1 && !/\d/.test(cells[2] ?? "")) continue;
        yield { row: r.number, cells };
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError({ file: ["leads.import.unreadable"] });
  }
}

type Valid = LeadFields & { row: number };

/** One row checked with the lead form's own rules; the errors name the row and the column. */
export function checkLeadRow({ row, cells }: LeadImportRow): { valid: Valid } | { errors: LeadImportError[] } {
  const raw = Object.fromEntries(leadImportColumns.map((k, i) => [k, cells[i] ?? ""]));
  const parsed = leadInput.safeParse(raw);
  if (parsed.success) return { valid: { ...parsed.data, row } };
  return { errors: parsed.error.issues.map((issue) => ({ row, column: String(issue.path[0] ?? "name"), message: issue.message })) };
}

const keysOf = (l: { mobile?: string | null; email?: string | null; creditCode?: string | null }) =>
  [l.mobile ? `m:${l.mobile}` : null, l.email ? `e:${l.email}` : null, l.creditCode ? `c:${l.creditCode}` : null].filter((k): k is string => k !== null);

export const importLeadsInput = z.object({ campaignId: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()) });

type ImportRun = { tx: Transaction; campaignId: string | null; actorId: string; now: Date; seen: Map<string, string>; created: number; merged: number };

/**
 * Staff (lead:manage) import a trade show's list: the good rows go in, the bad ones come back by
 * row and column. A row repeating a live lead — or an earlier row of the file — by mobile, e-mail
 * or credit code is merged into that lead as an event, never a second row. Streamed: rows are
 * checked and written a batch at a time as the file is read (one lookup of the live leads the
 * batch's new keys match, then INSERT … unnest of column arrays), under a lock that holds other
 * intakes until the one transaction commits; only the keys met so far stay in memory. A refusal
 * (empty, too many rows, unreadable) rolls everything back. Once per form `_key` and upload.
 */
export async function importLeads(ctx: Ctx, raw: { _key?: unknown; campaignId?: unknown }, source: LeadImportSource): Promise<LeadImportResult> {
  authorize(ctx.actor, "lead:manage");
  const { campaignId } = importLeadsInput.parse({ campaignId: raw.campaignId });
  if (campaignId !== undefined && !isUuid(campaignId)) throw new ValidationError({ campaignId: ["validation.invalid"] });
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), { campaignId, file: source.file }, async () => {
      if (campaignId) {
        const [c] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaignId));
        if (!c) throw new ValidationError({ campaignId: ["validation.invalid"] });
      }
      // other intakes (forms, the landing page) wait for the import rather than race its lookups
      await tx.execute(sql`lock table leads in share row exclusive mode`);
      const run: ImportRun = { tx, campaignId: campaignId ?? null, actorId: ctx.actor.userId, now: new Date(), seen: new Map(), created: 0, merged: 0 };
      const errors: LeadImportError[] = [];
      let rows = 0;
      let rejected = 0;
      let batch: Valid[] = [];
      for await (const r of source.rows) {
        if (++rows > MAX_LEAD_IMPORT_ROWS) throw new ValidationError({ file: ["leads.import.tooManyRows"] });
        const checked = checkLeadRow(r);
        if (hasKey(checked, "valid")) batch.push(checked.valid);
        else {
          rejected++;
          errors.push(...checked.errors.slice(0, MAX_ERRORS - errors.length));
        }
        if (batch.length >= BATCH) {
          await writeBatch(run, batch);
          batch = [];
        }
      }
      if (batch.length) await writeBatch(run, batch);
      if (rows === 0) throw new ValidationError({ file: ["leads.import.empty"] });
      await tx.insert(auditLog).values({
        actorId: ctx.actor.userId,
        actorOrganizationId: ctx.actor.organizationId,
        action: "lead.import",
        entity: "lead_import",
        entityId: randomUUID(),
        after: toAuditJson({ campaignId: campaignId ?? null, file: source.file.name, rows, created: run.created, merged: run.merged, rejected }),
        ip: ctx.actor.ip ?? null,
      });
      return { rows, created: run.created, merged: run.merged, errors };
    });
    return result as LeadImportResult;
  });
}

/**
 * One batch: the live leads matching keys not met earlier in the file (oldest wins a key), then each
 * row becomes a new lead or a merge into the lead its first known key names; a merged row's other
 * keys then lead to the same lead.
 */
async function writeBatch(run: ImportRun, batch: readonly Valid[]) {
  const unseen = (k: "mobile" | "email" | "creditCode", prefix: string) => [...new Set(batch.map((v) => v[k]).filter((x): x is string => !!x && !run.seen.has(prefix + x)))];
  const [mobiles, emails, codes] = [unseen("mobile", "m:"), unseen("email", "e:"), unseen("creditCode", "c:")];
  if (mobiles.length || emails.length || codes.length) {
    const wanted = new Set([...mobiles.map((x) => `m:${x}`), ...emails.map((x) => `e:${x}`), ...codes.map((x) => `c:${x}`)]);
    const found = await run.tx.execute<{ id: string; mobile: string | null; email: string | null; credit_code: string | null }>(sql`
      select id, mobile, email, credit_code from leads
       where status not in ('won', 'lost')
         and (mobile = any(${pgArray(mobiles)}::text[]) or email = any(${pgArray(emails)}::text[]) or credit_code = any(${pgArray(codes)}::text[]))
       order by created_at desc, id desc`);
    // oldest last, so the oldest lead wins each key
    for (const l of found) for (const k of keysOf({ mobile: l.mobile, email: l.email, creditCode: l.credit_code })) if (wanted.has(k)) run.seen.set(k, l.id);
  }
  const created: (Valid & { id: string })[] = [];
  const events = { leadIds: [] as string[], kinds: [] as string[], data: [] as string[] };
  for (const v of batch) {
    const keys = keysOf(v);
    const target = keys.map((k) => run.seen.get(k)).find((id) => id !== undefined);
    const { row, ...fields } = v;
    const id = target ?? randomUUID();
    for (const k of keys) if (!run.seen.has(k)) run.seen.set(k, id);
    if (!target) created.push({ ...v, id });
    events.leadIds.push(id);
    events.kinds.push(target ? "merged" : "captured");
    const data = target ? { ...fields, row, source: "import", campaignId: run.campaignId } : { source: "import", row, campaignId: run.campaignId };
    events.data.push(JSON.stringify(toAuditJson(data)));
  }
  const col = (k: keyof LeadFields) => pgArray(created.map((l) => l[k] ?? null));
  if (created.length)
    await run.tx.execute(sql`
      insert into leads (id, name, company, mobile, email, credit_code, province, city, interest, source, campaign_id, created_by, created_at, updated_at)
      select t.id, t.name, t.company, t.mobile, t.email, t.credit_code, t.province, t.city, t.interest, 'import', ${run.campaignId}::uuid, ${run.actorId}::uuid, ${run.now.toISOString()}::timestamptz, ${run.now.toISOString()}::timestamptz
        from unnest(${pgArray(created.map((l) => l.id))}::uuid[], ${col("name")}::text[], ${col("company")}::text[], ${col("mobile")}::text[], ${col("email")}::text[],
                    ${col("creditCode")}::text[], ${col("province")}::text[], ${col("city")}::text[], ${col("interest")}::text[])
          as t(id, name, company, mobile, email, credit_code, province, city, interest)`);
  await run.tx.execute(sql`
    insert into lead_events (lead_id, kind, data, actor_id, created_at)
    select t.lead_id, t.kind::lead_event_kind, t.data::jsonb, ${run.actorId}::uuid, ${run.now.toISOString()}::timestamptz
      from unnest(${pgArray(events.leadIds)}::uuid[], ${pgArray(events.kinds)}::text[], ${pgArray(events.data)}::text[]) as t(lead_id, kind, data)`);
  run.created += created.length;
  run.merged += batch.length - created.length;
}
