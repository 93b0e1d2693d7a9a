import { sql } from "drizzle-orm";
import { authorize, can } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { parseInput } from "../shared/parse";
import { conditions, SALES_PAGE_SIZE } from "./sales";
import { salesQuery, salesWindows } from "./sales-query";

export type SalesLine = {
  invoiceId: string;
  invoiceNumber: string;
  kind: "invoice" | "credit_note";
  issuedOn: string;
  orderId: string | null;
  orderNumber: string | null;
  partnerCode: string;
  partnerName: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  quantity: number;
  /** Net of VAT, negative on a credit note. */
  netFen: bigint;
  marginFen: bigint | null;
};

type Raw = { invoice_id: string; number: string; kind: "invoice" | "credit_note"; issued_on: string; order_id: string | null; order_number: string | null; code: string; name: string; sku: string; name_zh: string; name_en: string; quantity: number; net: string; margin: string | null; total: number };

/**
 * The invoice and credit-note lines behind a figure of the sales analysis (the same filters and
 * scope, the range only), newest first, a page at a time, with the invoice and order to open.
 */
export async function salesLines(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "analytics:read");
  const q = parseInput(salesQuery, raw);
  const w = salesWindows(q);
  const cost = ctx.actor.kind === "staff" && can(ctx.actor, "cost:view");
  const rows = await ctx.db.execute<Raw>(sql`
    select i.id as invoice_id, i.number, i.kind, i.issued_on::text, o.id as order_id, o.number as order_number,
           organizations.code, organizations.name, p.sku, p.name_zh, p.name_en, il.quantity,
           (case when i.kind = 'invoice' then il.net_fen else -il.net_fen end)::text as net,
           (case when i.kind = 'invoice' then il.margin_fen else -il.margin_fen end)::text as margin,
           count(*) over ()::int as total
      from invoices i
      join invoice_lines il on il.invoice_id = i.id
      join products p on p.id = il.product_id
      join product_lines pl on pl.id = p.product_line_id
      join organizations on organizations.id = i.organization_id
      left join orders o on o.id = i.order_id
     where ${conditions(ctx.actor, q, w)} and i.issued_on >= ${w.lo}::date
     order by i.issued_on desc, i.number desc, il.id
     limit ${SALES_PAGE_SIZE} offset ${(q.page - 1) * SALES_PAGE_SIZE}`);
  return {
    query: q,
    mayViewCost: cost,
    total: rows[0]?.total ?? 0,
    rows: rows.map(
      (r): SalesLine => ({
        invoiceId: r.invoice_id,
        invoiceNumber: r.number,
        kind: r.kind,
        issuedOn: r.issued_on,
        orderId: r.order_id,
        orderNumber: r.order_number,
        partnerCode: r.code,
        partnerName: r.name,
        sku: r.sku,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        quantity: r.quantity,
        netFen: BigInt(r.net),
        marginFen: cost && r.margin !== null ? BigInt(r.margin) : null,
      }),
    ),
  };
}
