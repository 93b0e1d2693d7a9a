import { sql, type SQL } from "drizzle-orm";
import { executePrepared, type OrderStatus, type Transaction } from "@cs/db";
import { toAuditJson } from "../shared/audit";
import { numberSql, sequenceSql } from "../shared/document-number";
import type { PricedLine } from "./pricing";
import type { LineBuckets } from "./reserve-lines";

export type NewOrder = {
  id: string;
  organizationId: string;
  ownerBranchId: string | null;
  supplierId: string | null;
  divisionId: string | null;
  status: OrderStatus;
  approvalReasons: string[];
  placedBy: string;
  poNumber: string | null;
  shipToAddressId: string;
  shipTo: Record<string, unknown>;
  requestedDate: string | null;
  notes: string | null;
  /** The deal registration the order names (checkout), else null. */
  dealRegistrationId?: string | null;
  /** Taken off by a coupon at checkout (the distributor-supplied order), else 0. */
  couponDiscountFen?: bigint;
  totalFen: bigint;
  taxFen: bigint;
  lines: (PricedLine & LineBuckets & { coveredSerials?: string[] })[];
  events: { action: string; fromStatus: OrderStatus | null; toStatus: OrderStatus; details?: Record<string, unknown> }[];
};

const json = (value: unknown) => JSON.stringify(toAuditJson(value));


/**
 * Writes a checkout's orders, their lines and first timeline entries in one statement, taking the
 * orders' gap-free SO numbers in the same statement. The number row stays locked until the
 * transaction ends, so callers run this last (only the notices follow). Returns id → number.
 */
export async function insertOrders(tx: Transaction, year: number, actorId: string, list: NewOrder[]): Promise<Map<string, string>> {
  return numbersOf(await executePrepared<{ id: string; number: string }>(tx, insertOrdersStatement(year, actorId, list)));
}

export const numbersOf = (rows: { id: string; number: string }[]) => new Map(rows.map((r) => [r.id, r.number]));

/** The statement behind insertOrders (rows: id, number), for callers that send the notices in the same round trip. */
export function insertOrdersStatement(year: number, actorId: string, list: NewOrder[]): SQL {
  const n = list.length;
  const orderRows = list.map((o, i) => ({
    id: o.id,
    ord: i + 1,
    organization_id: o.organizationId,
    owner_branch_id: o.ownerBranchId,
    supplier_id: o.supplierId,
    division_id: o.divisionId,
    status: o.status,
    reasons: o.approvalReasons.join(","),
    placed_by: o.placedBy,
    po_number: o.poNumber,
    ship_to_address_id: o.shipToAddressId,
    ship_to: o.shipTo,
    requested_date: o.requestedDate,
    notes: o.notes,
    deal_registration_id: o.dealRegistrationId ?? null,
    coupon_discount_fen: o.couponDiscountFen ?? 0n,
    total_fen: o.totalFen,
    tax_fen: o.taxFen,
    confirmed: o.status === "confirmed",
  }));
  const lineRows = list.flatMap((o) =>
    o.lines.map((l, i) => ({
      order_id: o.id,
      organization_id: o.organizationId,
      line_no: i + 1,
      product_id: l.productId,
      quantity: l.quantity,
      list_price_fen: l.listPriceFen,
      unit_price_fen: l.unitPriceFen,
      price_rule: l.reason.rule,
      price_reason: l.reason,
      discount_bp: l.discountBp,
      line_total_fen: l.lineTotalFen,
      tax_fen: l.taxFen,
      reserved: l.quantityReserved,
      backordered: l.quantityBackordered,
      cancelled: l.quantityCancelled,
      covered_serials: l.coveredSerials ?? [],
    })),
  );
  const eventRows = list.flatMap((o) => o.events.map((e) => ({ order_id: o.id, organization_id: o.organizationId, action: e.action, from_status: e.fromStatus, to_status: e.toStatus, details: e.details ?? null })));
  // Prepared: the text is the same for every checkout, so PostgreSQL plans it once per connection.
  return sql`
    with seq as (
      ${sequenceSql("SO", year, n)}
    ), o as (
      insert into orders (id, number, organization_id, owner_branch_id, supplier_id, division_id, status, approval_reasons, placed_by,
                          po_number, ship_to_address_id, ship_to, requested_date, notes, deal_registration_id, coupon_discount_fen, total_fen, tax_fen, confirmed_at)
      select x.id, ${numberSql("SO", year, sql`v.value`)},
             x.organization_id, x.owner_branch_id, x.supplier_id,
             x.division_id, x.status, string_to_array(x.reasons, ','), x.placed_by, x.po_number, x.ship_to_address_id, x.ship_to,
             x.requested_date, x.notes, x.deal_registration_id, x.coupon_discount_fen, x.total_fen, x.tax_fen, case when x.confirmed then now() end
        from jsonb_to_recordset(${json(orderRows)}::jsonb) as x(id uuid, ord int, organization_id uuid, owner_branch_id uuid, supplier_id uuid,
             division_id uuid, status order_status, reasons text, placed_by uuid, po_number text, ship_to_address_id uuid, ship_to jsonb,
             requested_date date, notes text, deal_registration_id uuid, coupon_discount_fen bigint, total_fen bigint, tax_fen bigint, confirmed boolean)
       cross join seq cross join lateral (select seq.last_value - ${n}::int + x.ord as value) v
      returning id, number
    ), l as (
      insert into order_lines (order_id, organization_id, line_no, product_id, quantity, list_price_fen, unit_price_fen, price_rule, price_reason,
                               discount_bp, line_total_fen, tax_fen, quantity_reserved, quantity_backordered, quantity_cancelled, covered_serials)
      select x.order_id, x.organization_id, x.line_no, x.product_id, x.quantity, x.list_price_fen, x.unit_price_fen, x.price_rule, x.price_reason,
             x.discount_bp, x.line_total_fen, x.tax_fen, x.reserved, x.backordered, x.cancelled, x.covered_serials
        from jsonb_to_recordset(${json(lineRows)}::jsonb) as x(order_id uuid, organization_id uuid, line_no int, product_id uuid, quantity int,
             list_price_fen bigint, unit_price_fen bigint, price_rule text, price_reason jsonb, discount_bp int, line_total_fen bigint, tax_fen bigint,
             reserved int, backordered int, cancelled int, covered_serials text[])
    ), e as (
      insert into order_events (order_id, organization_id, action, from_status, to_status, actor_id, details)
      select x.order_id, x.organization_id, x.action, x.from_status, x.to_status, ${actorId}::uuid, x.details
        from jsonb_to_recordset(${json(eventRows)}::jsonb) as x(order_id uuid, organization_id uuid, action text, from_status order_status, to_status order_status, details jsonb)
    )
    select id, number from o`;
}
