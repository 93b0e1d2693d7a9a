import { sql } from "drizzle-orm";
import { executePrepared, type DatabaseOrTransaction } from "@cs/db";
import { isUuid } from "../shared/parse";
import { shanghaiToday } from "../shared/dates";
import {
  choosePrice,
  type ContractCandidate,
  type PriceListCandidate,
  type PriceReason,
  type PromotionCandidate,
  type SpecialPriceCandidate,
} from "./choose";

export type { PriceReason, PriceRule } from "./choose";

export type ResolvePricesInput = {
  organizationId: string;
  /** yyyy-mm-dd; default today in Asia/Shanghai. */
  on?: string;
  lines: { productId: string; quantity: number }[];
  /**
   * The deal registration (报备) the order names: its special prices are candidates when it is the
   * buyer's own, approved and protected on the date. Anything else contributes nothing.
   */
  dealRegistrationId?: string | null;
};

type Row = {
  product_id: string;
  quantity: number;
  list_price_fen: string;
  contracts: (Omit<ContractCandidate, "unitPriceFen"> & {
    unitPriceFen: string;
  })[];
  items: (Omit<PriceListCandidate, "unitPriceFen"> & {
    unitPriceFen: string;
  })[];
  promotions: (Omit<PromotionCandidate, "promoPriceFen"> & {
    promoPriceFen: string | null;
  })[];
  specials: (Omit<SpecialPriceCandidate, "unitPriceFen"> & { unitPriceFen: string })[];
};

const pgArray = (values: (string | number)[]) => `{${values.join(",")}}`;

/**
 * The unit price of each line for one buyer, and why. The server always prices: whatever a client
 * sent is never read. One statement fetches, per line, the contract rows of the organization, the
 * price-list rows for its kind of partner and the promotions on the product or its line that are
 * valid on the date and whose minimum quantity the line reaches; choosePrice decides. Lines of the
 * same product are priced on their total quantity. Unknown or inactive products are absent.
 */
export async function resolvePrices(
  db: DatabaseOrTransaction,
  input: ResolvePricesInput,
): Promise<Map<string, PriceReason>> {
  const on = input.on ?? shanghaiToday();
  const quantities = new Map<string, number>();
  for (const line of input.lines) {
    if (
      !isUuid(line.productId) ||
      !Number.isInteger(line.quantity) ||
      line.quantity < 1
    )
      continue;
    quantities.set(
      line.productId,
      (quantities.get(line.productId) ?? 0) + line.quantity,
    );
  }
  const result = new Map<string, PriceReason>();
  if (
    quantities.size === 0 ||
    !isUuid(input.organizationId) ||
    !/^\d{4}-\d{2}-\d{2}$/.test(on)
  )
    return result;

  // Prepared per connection: planning the three correlated lookups costs about twice their execution.
  const rows = await executePrepared<Row>(
    db,
    pricingStatement(
      input.organizationId,
      on,
      [...quantities.keys()],
      [...quantities.values()],
      input.dealRegistrationId && isUuid(input.dealRegistrationId) ? input.dealRegistrationId : null,
    ),
  );
  for (const r of rows) {
    result.set(
      r.product_id,
      choosePrice({
        listPriceFen: BigInt(r.list_price_fen),
        quantity: r.quantity,
        on,
        contracts: r.contracts.map((c) => ({
          ...c,
          unitPriceFen: BigInt(c.unitPriceFen),
        })),
        priceListItems: r.items.map((i) => ({
          ...i,
          unitPriceFen: BigInt(i.unitPriceFen),
        })),
        promotions: r.promotions.map((p) => ({
          ...p,
          promoPriceFen:
            p.promoPriceFen === null ? null : BigInt(p.promoPriceFen),
        })),
        specialPrices: r.specials.map((x) => ({ ...x, unitPriceFen: BigInt(x.unitPriceFen) })),
      }),
    );
  }
  return result;
}

/** Exported so the benchmark and tests can EXPLAIN exactly what runs. Money travels as text. */
export function pricingStatement(
  organizationId: string,
  on: string,
  productIds: string[],
  quantities: number[],
  dealRegistrationId: string | null = null,
) {
  return sql`
    with req as (
      select * from unnest(${pgArray(productIds)}::uuid[], ${pgArray(quantities)}::int[]) as r(product_id, quantity)
    ), buyer as (
      select kind from organizations where id = ${organizationId}::uuid
    )
    select p.id as product_id, req.quantity, p.list_price_fen::text as list_price_fen,
      coalesce((
        select json_agg(json_build_object('id', c.id, 'code', c.contract_no, 'minQuantity', c.min_quantity,
          'unitPriceFen', c.unit_price_fen::text, 'validFrom', c.valid_from, 'validTo', c.valid_to) order by c.min_quantity)
        from contract_prices c
        where c.organization_id = ${organizationId}::uuid and c.product_id = p.id and c.min_quantity <= req.quantity
          and c.valid_from <= ${on}::date and (c.valid_to is null or c.valid_to >= ${on}::date)
      ), '[]') as contracts,
      coalesce((
        select json_agg(json_build_object('id', l.id, 'code', l.code, 'minQuantity', i.min_quantity,
          'unitPriceFen', i.unit_price_fen::text, 'validFrom', l.valid_from, 'validTo', l.valid_to) order by l.code, i.min_quantity)
        from price_list_items i join price_lists l on l.id = i.price_list_id
        where i.product_id = p.id and i.min_quantity <= req.quantity and l.active and l.partner_kind = (select kind from buyer)
          and l.valid_from <= ${on}::date and (l.valid_to is null or l.valid_to >= ${on}::date)
      ), '[]') as items,
      coalesce((
        select json_agg(json_build_object('id', m.id, 'code', m.code, 'minQuantity', m.min_quantity,
          'discountBp', m.discount_bp, 'promoPriceFen', m.promo_price_fen::text, 'validFrom', m.starts_on, 'validTo', m.ends_on) order by m.code)
        from promotions m
        where (m.product_id = p.id or m.product_line_id = p.product_line_id) and m.active and m.min_quantity <= req.quantity
          and (m.partner_kind is null or m.partner_kind = (select kind from buyer))
          and m.starts_on <= ${on}::date and m.ends_on >= ${on}::date
      ), '[]') as promotions,
      ${
        // Most orders name no registration: then no special-price lookup runs at all.
        dealRegistrationId === null
          ? sql`'[]'::json`
          : sql`coalesce((
        select json_agg(json_build_object('id', s.id, 'code', r.number, 'unitPriceFen', s.unit_price_fen::text,
          'remaining', s.quantity - s.quantity_used, 'reason', r.special_price_reason))
        from deal_special_prices s join deal_registrations r on r.id = s.registration_id
        where s.registration_id = ${dealRegistrationId}::uuid and s.product_id = p.id
          and r.organization_id = ${organizationId}::uuid and r.status = 'approved'
          and r.protected_from <= ${on}::date and r.protected_until >= ${on}::date
      ), '[]')`
      } as specials
    from req join products p on p.id = req.product_id and p.active
  `;
}
