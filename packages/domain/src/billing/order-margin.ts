import { sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { can } from "../access/authorize";
import { marginBp } from "./cost";
import { splitVat } from "./vat";

export type MarginFigures = { netFen: bigint; costFen: bigint; marginFen: bigint; marginBp: number | null };
export type OrderMargin = { lines: Record<string, MarginFigures | null>; total: MarginFigures | null };

const figures = (netFen: bigint, costFen: bigint): MarginFigures => ({ netFen, costFen, marginFen: netFen - costFen, marginBp: marginBp(netFen - costFen, netFen) });

/**
 * An order's expected margin, for staff who may see cost (cost:view) and nobody else (null):
 * per line, the units not cancelled at their net price (VAT split per line as the invoice will),
 * against the cost of goods already shipped (the shipment lines' recorded cost) plus what is still
 * to ship at today's moving-average cost (a service's standard cost). A line whose shipped cost is
 * not ours to know (a master distributor supplied it) has no figure, and then neither has the total.
 */
export async function orderMargin(db: DatabaseOrTransaction, actor: Actor, orderId: string): Promise<OrderMargin | null> {
  if (actor.kind !== "staff" || !can(actor, "cost:view")) return null;
  const rows = await db.execute<{
    id: string;
    units: number;
    unit_price: string;
    shipped: number;
    shipped_cost: string | null;
    unknown_shipped: number;
    supplied: boolean;
    cost: string;
  }>(sql`
    select l.id, (l.quantity - l.quantity_cancelled)::int as units, l.unit_price_fen::text as unit_price, l.quantity_shipped as shipped,
           (select sum(s.cost_fen)::text from shipment_lines s where s.order_line_id = l.id) as shipped_cost,
           (select count(*)::int from shipment_lines s where s.order_line_id = l.id and s.cost_fen is null) as unknown_shipped,
           o.supplier_id is not null as supplied,
           coalesce(case when p.extended_warranty_months is null then v.average_cost_fen end, p.cost_fen)::text as cost
      from order_lines l
      join orders o on o.id = l.order_id
      join products p on p.id = l.product_id
      left join stock_valuations v on v.product_id = l.product_id
     where l.order_id = ${orderId}
     order by l.line_no`);
  const lines: Record<string, MarginFigures | null> = {};
  let known = true;
  let net = 0n;
  let cost = 0n;
  for (const r of rows) {
    if (r.supplied || Number(r.unknown_shipped) > 0) {
      lines[r.id] = null;
      known = false;
      continue;
    }
    const units = Math.max(0, Number(r.units));
    const lineNet = splitVat(BigInt(r.unit_price) * BigInt(units)).netFen;
    const toShip = Math.max(0, units - Number(r.shipped));
    const lineCost = BigInt(r.shipped_cost ?? "0") + BigInt(r.cost) * BigInt(toShip);
    lines[r.id] = figures(lineNet, lineCost);
    net += lineNet;
    cost += lineCost;
  }
  return { lines, total: known && rows.length > 0 ? figures(net, cost) : null };
}
