import { and, asc, count, desc, eq, gt, ilike, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { invoiceLines, invoices, orders, organizations, payments, products, shipments } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize } from "../access/authorize";
import { organizationScope, tenantScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";
import { creditPosition } from "./credit";
import { shanghaiToday } from "../shared/dates";

/** Staff read finance with invoice:read; a partner admin its own account with own_account:read. */
export function authorizeAccount(actor: Actor) {
  authorize(actor, actor.kind === "partner" ? "own_account:read" : "invoice:read");
}
export const invoiceScope = (actor: Actor) => tenantScope(actor, invoices, { staff: "invoice:read", partner: "own_account:read" });
const paymentScope = (actor: Actor) => tenantScope(actor, payments, { staff: "invoice:read", partner: "own_account:read" });

export const invoiceListQuery = listQuerySchema(["issuedOn", "dueOn", "number", "totalFen"] as const, "issuedOn").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  state: z.enum(["all", "open", "overdue"]).catch("all"),
  kind: z.enum(["invoice", "credit_note"]).optional().catch(undefined),
  branch: z.uuid().optional().catch(undefined),
  partner: z.uuid().optional().catch(undefined),
});
export type InvoiceListQuery = z.output<typeof invoiceListQuery>;

export async function listInvoices(ctx: Ctx, query: InvoiceListQuery) {
  authorizeAccount(ctx.actor);
  const today = shanghaiToday();
  const where = and(
    invoiceScope(ctx.actor),
    query.kind ? eq(invoices.kind, query.kind) : undefined,
    query.partner ? eq(invoices.organizationId, query.partner) : undefined,
    query.branch ? eq(invoices.ownerBranchId, query.branch) : undefined,
    query.state !== "all" ? lt(invoices.settledFen, invoices.totalFen) : undefined,
    query.state === "overdue" ? and(eq(invoices.kind, "invoice"), lt(invoices.dueOn, today)) : undefined,
    query.q ? or(ilike(invoices.number, likePattern(query.q)), ilike(organizations.name, likePattern(query.q)), ilike(organizations.code, likePattern(query.q))) : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const col = { issuedOn: invoices.issuedOn, dueOn: invoices.dueOn, number: invoices.number, totalFen: invoices.totalFen }[query.sort];
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: invoices.id,
        kind: invoices.kind,
        number: invoices.number,
        partner: organizations.name,
        partnerCode: organizations.code,
        organizationId: invoices.organizationId,
        orderNumber: orders.number,
        issuedOn: invoices.issuedOn,
        dueOn: invoices.dueOn,
        totalFen: invoices.totalFen,
        taxFen: invoices.taxFen,
        settledFen: invoices.settledFen,
        daysOverdue: sql<number>`greatest(0, ${today}::date - ${invoices.dueOn})::int`,
      })
      .from(invoices)
      .innerJoin(organizations, eq(organizations.id, invoices.organizationId))
      .leftJoin(orders, eq(orders.id, invoices.orderId))
      .where(where)
      .orderBy(order(col), desc(invoices.number))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(invoices).innerJoin(organizations, eq(organizations.id, invoices.organizationId)).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}

/** An invoice or credit note with its VAT lines, its shipment and what settled it. */
export async function getInvoice(ctx: Ctx, id: string) {
  authorizeAccount(ctx.actor);
  if (!isUuid(id)) throw new NotFoundError("invoice");
  const [row] = await ctx.db
    .select({
      invoice: invoices,
      partner: organizations.name,
      partnerCode: organizations.code,
      taxId: organizations.taxId,
      orderNumber: orders.number,
      shipmentNumber: shipments.number,
      carrier: shipments.carrier,
      trackingNumber: shipments.trackingNumber,
    })
    .from(invoices)
    .innerJoin(organizations, eq(organizations.id, invoices.organizationId))
    .leftJoin(orders, eq(orders.id, invoices.orderId))
    .leftJoin(shipments, eq(shipments.id, invoices.shipmentId))
    .where(and(eq(invoices.id, id), invoiceScope(ctx.actor)));
  if (!row) throw new NotFoundError("invoice");
  const [lines, settlements] = await Promise.all([
    ctx.db
      .select({
        id: invoiceLines.id,
        sku: products.sku,
        nameZh: products.nameZh,
        nameEn: products.nameEn,
        quantity: invoiceLines.quantity,
        unitPriceFen: invoiceLines.unitPriceFen,
        grossFen: invoiceLines.grossFen,
        netFen: invoiceLines.netFen,
        taxFen: invoiceLines.taxFen,
        taxRateBp: invoiceLines.taxRateBp,
      })
      .from(invoiceLines)
      .innerJoin(products, eq(products.id, invoiceLines.productId))
      .where(eq(invoiceLines.invoiceId, id))
      .orderBy(asc(invoiceLines.id)),
    ctx.db.execute<{ id: string; source: string; date: string; amount_fen: string; kind: string }>(sql`
      select a.id::text, coalesce(p.number, c.number) as source, coalesce(p.received_on, c.issued_on)::text as date,
             a.amount_fen::text, case when a.payment_id is null then 'credit_note' when p.method in ('rebate', 'coupon') then p.method::text else 'payment' end as kind
        from payment_allocations a
        left join payments p on p.id = a.payment_id
        left join invoices c on c.id = a.credit_note_id
       where a.invoice_id = ${id} or a.credit_note_id = ${id}
       order by a.id`),
  ]);
  return { ...row, lines, settlements: settlements.map((s) => ({ id: s.id, source: s.source, date: s.date, kind: s.kind, amountFen: BigInt(s.amount_fen) })) };
}

export const paymentListQuery = listQuerySchema(["receivedOn", "number", "amountFen"] as const, "receivedOn").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  partner: z.uuid().optional().catch(undefined),
  unallocated: z.enum(["1"]).optional().catch(undefined),
});
export type PaymentListQuery = z.output<typeof paymentListQuery>;

export async function listPayments(ctx: Ctx, query: PaymentListQuery) {
  authorizeAccount(ctx.actor);
  const where = and(
    paymentScope(ctx.actor),
    query.partner ? eq(payments.organizationId, query.partner) : undefined,
    query.unallocated ? gt(payments.unallocatedFen, 0n) : undefined,
    query.q ? or(ilike(payments.number, likePattern(query.q)), ilike(payments.reference, likePattern(query.q)), ilike(organizations.name, likePattern(query.q))) : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const col = { receivedOn: payments.receivedOn, number: payments.number, amountFen: payments.amountFen }[query.sort];
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: payments.id,
        number: payments.number,
        partner: organizations.name,
        partnerCode: organizations.code,
        receivedOn: payments.receivedOn,
        method: payments.method,
        reference: payments.reference,
        amountFen: payments.amountFen,
        unallocatedFen: payments.unallocatedFen,
        allocatedTo: sql<string>`(select string_agg(i.number, ', ' order by i.number) from payment_allocations a join invoices i on i.id = a.invoice_id where a.payment_id = ${payments.id})`,
      })
      .from(payments)
      .innerJoin(organizations, eq(organizations.id, payments.organizationId))
      .where(where)
      .orderBy(order(col), desc(payments.number))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(payments).innerJoin(organizations, eq(organizations.id, payments.organizationId)).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}

/**
 * The record-payment form: partners in scope with something open (invoices or credit) to choose
 * from, and for the chosen partner its open invoices oldest first and its credit position.
 */
export async function paymentForm(ctx: Ctx, organizationId: string | undefined) {
  authorize(ctx.actor, "payment:record");
  const partners = await ctx.db
    .select({ id: organizations.id, code: organizations.code, name: organizations.name })
    .from(organizations)
    .where(and(organizationScope(ctx.actor), sql`exists (select 1 from invoices i where i.organization_id = ${organizations.id} and i.kind = 'invoice' and i.settled_fen < i.total_fen)`))
    .orderBy(organizations.code)
    .limit(500);
  if (!organizationId || !isUuid(organizationId)) return { partners, partner: null, open: [], position: null, creditFen: 0n };
  const [partner] = await ctx.db
    .select({ id: organizations.id, code: organizations.code, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), organizationScope(ctx.actor)));
  if (!partner) return { partners, partner: null, open: [], position: null, creditFen: 0n };
  const open = await ctx.db
    .select({ id: invoices.id, number: invoices.number, issuedOn: invoices.issuedOn, dueOn: invoices.dueOn, totalFen: invoices.totalFen, settledFen: invoices.settledFen })
    .from(invoices)
    .where(and(eq(invoices.organizationId, partner.id), eq(invoices.kind, "invoice"), lt(invoices.settledFen, invoices.totalFen)))
    .orderBy(asc(invoices.dueOn), asc(invoices.issuedOn), asc(invoices.number))
    .limit(500);
  const [credit] = await ctx.db.execute<{ fen: string }>(sql`
    select (coalesce((select sum(total_fen - settled_fen) from invoices where organization_id = ${partner.id} and kind = 'credit_note' and settled_fen < total_fen), 0)
          + coalesce((select sum(unallocated_fen) from payments where organization_id = ${partner.id} and unallocated_fen > 0), 0))::text as fen`);
  return { partners, partner, open, position: await creditPosition(ctx.db, partner.id), creditFen: BigInt(credit?.fen ?? "0") };
}

/** The portal's account summary: the partner's own credit position (balance, limit, hold). */
export async function myAccount(ctx: Ctx) {
  authorize(ctx.actor, "own_account:read");
  const orgId = ctx.actor.organizationId;
  if (ctx.actor.kind !== "partner" || !orgId) throw new NotFoundError("organization");
  const [org] = await ctx.db.select({ id: organizations.id, code: organizations.code, name: organizations.name, paymentTermsDays: organizations.paymentTermsDays }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw new NotFoundError("organization");
  return { organization: org, position: await creditPosition(ctx.db, orgId) };
}

