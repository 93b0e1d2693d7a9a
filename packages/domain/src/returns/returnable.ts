import { sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db";

export type ReturnableLine = {
  orderLineId: string;
  lineNo: number;
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  serialized: boolean;
  unitPriceFen: bigint;
  quantityShipped: number;
  quantityReturned: number;
  /** Units on open (requested or approved) return requests. */
  quantityRequested: number;
  returnable: number;
  /** Serials shipped on the line and not on any open or received return. */
  serialsAvailable: string[];
  /** The latest invoice that billed this line, which a credit note will credit first. */
  invoiceId: string | null;
};

/**
 * The shipped lines of goods (not services) of an order with what can still come back. Counts every return that is not
 * rejected or cancelled, so open requests hold their units until decided. The caller scopes the
 * order (this reads by id only).
 */
export async function returnableLines(db: DatabaseOrTransaction, orderId: string): Promise<ReturnableLine[]> {
  const rows = await db.execute<{
    order_line_id: string;
    line_no: number;
    product_id: string;
    sku: string;
    name_zh: string;
    name_en: string;
    serialized: boolean;
    unit_price_fen: bigint;
    quantity_shipped: number;
    quantity_returned: number;
    taken: number;
    serials_shipped: string[] | null;
    serials_taken: string[] | null;
    invoice_id: string | null;
  }>(sql`
    select l.id as order_line_id, l.line_no, l.product_id, p.sku, p.name_zh, p.name_en, p.serialized, l.unit_price_fen,
           l.quantity_shipped, l.quantity_returned,
           coalesce((select sum(rl.quantity) from return_lines rl join return_requests r on r.id = rl.return_id
                      where rl.order_line_id = l.id and r.status in ('requested', 'approved', 'received')), 0)::int as taken,
           (select array_agg(s order by s) from shipment_lines sl, unnest(sl.serials) s where sl.order_line_id = l.id) as serials_shipped,
           (select array_agg(s) from return_lines rl join return_requests r on r.id = rl.return_id, unnest(rl.serials) s
             where rl.order_line_id = l.id and r.status in ('requested', 'approved', 'received')) as serials_taken,
           (select il.invoice_id from invoice_lines il join invoices i on i.id = il.invoice_id
             where il.order_line_id = l.id and i.kind = 'invoice' order by i.issued_on desc, i.number desc limit 1) as invoice_id
      from order_lines l join products p on p.id = l.product_id
     where l.order_id = ${orderId}::uuid and l.quantity_shipped > 0
       -- an extended warranty is a service (decision 006): nothing comes back into a warehouse
       and p.extended_warranty_months is null
     order by l.line_no`);
  return rows.map((r) => {
    const taken = new Set(r.serials_taken ?? []);
    return {
      orderLineId: r.order_line_id,
      lineNo: Number(r.line_no),
      productId: r.product_id,
      sku: r.sku,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      serialized: r.serialized,
      unitPriceFen: BigInt(r.unit_price_fen),
      quantityShipped: Number(r.quantity_shipped),
      quantityReturned: Number(r.quantity_returned),
      quantityRequested: Number(r.taken) - Number(r.quantity_returned),
      returnable: Math.max(0, Number(r.quantity_shipped) - Number(r.taken)),
      serialsAvailable: (r.serials_shipped ?? []).filter((s) => !taken.has(s)),
      invoiceId: r.invoice_id,
    };
  });
}
