import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { campaigns, fundApplications, fundClaims, invoices, organizations, rebateStatements, repairRequests, returnRequests, stationClaims, stockDocuments } from "@cs/db";
import { can } from "../access/authorize";
import { organizationScope, rebateStatementScope, serviceScope, tenantScope } from "../access/scopes";
import { agingQuery, receivablesAging } from "../billing/aging";
import { pendingPaymentNotices } from "../billing/payment-notices";
import { campaignScope } from "../marketing/scope";
import { fundScope } from "../marketing/funds-scope";
import { staffDocumentScope } from "../inventory/documents/common";
import { listLowStock, lowStockQuery } from "../inventory/views/low-stock";
import { countOrderQueues, type OrderQueueCounts } from "../orders/queues";
import { returnScope } from "../returns/inputs";
import { openRepairStatuses } from "../service/workflow";
import { addMonths, shanghaiToday } from "../shared/dates";
import { myDaySummary, type MyDaySummary } from "../relationships/my-day";
import type { Ctx } from "../shared/context";

export type StaffHome = {
  /** My day (我的今日) for those who work accounts: tasks due today, overdue, accounts gone quiet, the next few tasks. */
  myDay: MyDaySummary | null;
  /** Order queues in the actor's branches: all of them for the order desk, the approvals for approvers. */
  orders: Partial<OrderQueueCounts> | null;
  /** Stock documents waiting for someone and pairs below their reorder point; only approvals for approvers. */
  stock: Partial<StockQueues> | null;
  /** Receivables past due and partners on credit hold (finance, management, sales). */
  receivables: { overdueFen: bigint; d90PlusFen: bigint; balanceFen: bigint; partners: number; onHold: number } | null;
  /** Payment notices partners sent that finance has not confirmed or returned yet (payment:record). */
  paymentNotices: { count: number; amountFen: bigint } | null;
  /** Marketing decisions waiting: draft campaigns, fund applications and claims submitted (marketing:manage / marketing:approve). */
  marketing: { campaigns: number; applications: number; claims: number } | null;
  /** Return requests waiting for a decision (return:approve). */
  returns: number | null;
  /** Rebate statements to approve and to publish (rebate:approve / rebate:manage). */
  rebates: { toApprove: number; toPublish: number } | null;
  /** Open repairs, past their SLA, without a station, and station claims to decide (service:read). */
  service: { open: number; breached: number; unassigned: number; claims: number } | null;
  /** Net invoiced sales this month to date against the same days of last month (as receivables). */
  sales: { from: string; to: string; thisMonthFen: bigint; lastFrom: string; lastTo: string; lastMonthFen: bigint } | null;
};

/** Net of VAT; a credit note counts against the sales it corrects. */
const net = sql`case when ${invoices.kind} = 'credit_note' then -${invoices.netFen} else ${invoices.netFen} end`;

type StockQueues = { pendingApproval: number; callOffs: number; stocktakes: number; inTransit: number; receipts: number; low: number };

const none = <T>() => Promise.resolve(null as T | null);

/**
 * A staff member's home: the queues that wait for this user's roles, counted in the user's scope
 * (branches, locations), and the one trend the roles watch. One round of queries side by side.
 */
export async function staffHome(ctx: Ctx, now = new Date()): Promise<StaffHome> {
  const { actor, db } = ctx;
  if (actor.kind !== "staff") return { myDay: null, orders: null, stock: null, receivables: null, paymentNotices: null, marketing: null, returns: null, rebates: null, service: null, sales: null };
  const today = shanghaiToday(now);
  const from = `${today.slice(0, 8)}01`;
  const lastFrom = addMonths(from, -1);
  const lastTo = addMonths(today, -1);
  const invoiceScope = tenantScope(actor, invoices, { staff: "invoice:read", partner: "own_account:read" });
  // Receivables and sales are for those who answer for them: finance, management, account owners.
  const mayInvoices = can(actor, "invoice:read") && (can(actor, "credit:manage") || can(actor, "payment:record") || can(actor, "organization:update"));
  const stockWork = can(actor, "stock:move") || can(actor, "stock:count") || can(actor, "shipment:create");
  const mayStock = can(actor, "stock:read") && (stockWork || can(actor, "stock:approve"));
  const orderWork = can(actor, "order:manage");
  const mayOrders = can(actor, "order:read") && (orderWork || can(actor, "order:approve"));

  const mayMarketing = can(actor, "marketing:read") && (can(actor, "marketing:manage") || can(actor, "marketing:approve"));

  const [day, orders, documents, low, aging, onHold, notices, marketing, returnCount, rebates, service, sales] = await Promise.all([
    myDaySummary(ctx, now),
    mayOrders ? countOrderQueues(ctx) : none<OrderQueueCounts>(),
    mayStock
      ? db
          .select({
            pendingApproval: sql<number>`count(*) filter (where ${stockDocuments.status} = 'pending_approval')::int`,
            callOffs: sql<number>`count(*) filter (where ${stockDocuments.kind} = 'call_off' and ${stockDocuments.status} in ('requested', 'approved'))::int`,
            stocktakes: sql<number>`count(*) filter (where ${stockDocuments.kind} = 'stocktake' and ${stockDocuments.status} = 'counting')::int`,
            inTransit: sql<number>`count(*) filter (where ${stockDocuments.kind} = 'transfer' and ${stockDocuments.status} = 'shipped')::int`,
            receipts: sql<number>`count(*) filter (where ${stockDocuments.kind} = 'receipt' and ${stockDocuments.status} in ('open', 'partially_received'))::int`,
          })
          .from(stockDocuments)
          .where(and(staffDocumentScope(actor), inArray(stockDocuments.status, ["pending_approval", "requested", "approved", "counting", "shipped", "open", "partially_received"])))
          .then((r) => r[0]!)
      : none<{ pendingApproval: number; callOffs: number; stocktakes: number; inTransit: number; receipts: number }>(),
    mayStock && stockWork ? listLowStock(ctx, lowStockQuery.parse({ size: 1 })).then((p) => p.total) : none<number>(),
    mayInvoices ? receivablesAging(ctx, agingQuery.parse({ size: 1 })) : none<Awaited<ReturnType<typeof receivablesAging>>>(),
    mayInvoices
      ? db
          .select({ n: sql<number>`count(*)::int` })
          .from(organizations)
          .where(and(organizationScope(actor), eq(organizations.creditHold, true)))
          .then((r) => r[0]!.n)
      : none<number>(),
    can(actor, "payment:record") && can(actor, "invoice:read") ? pendingPaymentNotices(ctx) : none<{ count: number; amountFen: bigint }>(),
    mayMarketing
      ? db
          .select({
            campaigns: sql<number>`(select count(*)::int from ${campaigns} where ${campaigns.status} = 'draft' and ${campaignScope(actor)})`,
            applications: sql<number>`(select count(*)::int from ${fundApplications} where ${fundApplications.status} = 'submitted' and ${fundScope(actor)})`,
            claims: sql<number>`(select count(*)::int from ${fundClaims} where ${fundClaims.status} = 'submitted' and ${fundScope(actor, fundClaims)})`,
          })
          .from(sql`(select 1) as one`)
          .then((r) => r[0]!)
      : none<{ campaigns: number; applications: number; claims: number }>(),
    can(actor, "return:approve")
      ? db
          .select({ n: sql<number>`count(*)::int` })
          .from(returnRequests)
          .where(and(returnScope(actor), eq(returnRequests.status, "requested")))
          .then((r) => r[0]!.n)
      : none<number>(),
    can(actor, "rebate:approve") || can(actor, "rebate:manage")
      ? db
          .select({
            toApprove: sql<number>`count(*) filter (where ${rebateStatements.status} = 'draft')::int`,
            toPublish: sql<number>`count(*) filter (where ${rebateStatements.status} = 'approved')::int`,
          })
          .from(rebateStatements)
          .where(and(rebateStatementScope(actor), inArray(rebateStatements.status, ["draft", "approved"])))
          .then((r) => r[0]!)
      : none<{ toApprove: number; toPublish: number }>(),
    can(actor, "service:read")
      ? db
          .select({
            open: sql<number>`count(*)::int`,
            breached: sql<number>`count(*) filter (where ${repairRequests.slaDueAt} < ${now.toISOString()}::timestamptz)::int`,
            unassigned: sql<number>`count(*) filter (where ${isNull(repairRequests.stationId)})::int`,
            claims: sql<number>`(select count(*)::int from ${stationClaims} where ${stationClaims.status} = 'submitted')`,
          })
          .from(repairRequests)
          .where(and(serviceScope(actor), inArray(repairRequests.status, [...openRepairStatuses])))
          .then((r) => r[0]!)
      : none<{ open: number; breached: number; unassigned: number; claims: number }>(),
    mayInvoices
      ? db
          .select({
            thisMonth: sql<string>`coalesce(sum(case when ${invoices.issuedOn} >= ${from} then ${net} end), 0)::text`,
            lastMonth: sql<string>`coalesce(sum(case when ${invoices.issuedOn} <= ${lastTo} then ${net} end), 0)::text`,
          })
          .from(invoices)
          .where(and(invoiceScope, sql`${invoices.issuedOn} between ${lastFrom} and ${today}`, sql`not (${invoices.issuedOn} > ${lastTo} and ${invoices.issuedOn} < ${from})`))
          .then((r) => r[0]!)
      : none<{ thisMonth: string; lastMonth: string }>(),
  ]);

  const totals = aging?.totals;
  return {
    myDay: day,
    orders: orders && !orderWork ? { pending_approval: orders.pending_approval } : orders,
    stock: documents ? (stockWork ? { ...documents, low: low ?? 0 } : { pendingApproval: documents.pendingApproval }) : null,
    receivables: totals
      ? {
          overdueFen: totals.d0_30Fen + totals.d31_60Fen + totals.d61_90Fen + totals.d90PlusFen,
          d90PlusFen: totals.d90PlusFen,
          balanceFen: totals.balanceFen,
          partners: aging.total,
          onHold: onHold ?? 0,
        }
      : null,
    paymentNotices: notices,
    marketing,
    returns: returnCount,
    rebates,
    service,
    sales: sales ? { from, to: today, thisMonthFen: BigInt(sales.thisMonth), lastFrom, lastTo, lastMonthFen: BigInt(sales.lastMonth) } : null,
  };
}
