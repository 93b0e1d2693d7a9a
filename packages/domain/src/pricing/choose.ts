/**
 * The pricing rules as one pure function: given every candidate row that might apply to one line,
 * it picks the unit price and says why. The SQL in resolve.ts only fetches candidates; the
 * decision lives here so it can be tested table by table.
 */

export type PriceRule =
  "contract" | "promotion" | "volume_break" | "price_list" | "list" | "special_price";

export type PriceReason = {
  rule: PriceRule;
  listPriceFen: bigint;
  unitPriceFen: bigint;
  ruleId: string | null;
  ruleCode: string | null;
  minQuantity: number;
  /** Why a special price (特价/SPA) was granted, shown with it; absent for every other rule. */
  note?: string | null;
};

/** A dated row with a minimum quantity; `validTo` null means open-ended. Dates are yyyy-mm-dd. */
type Dated = {
  id: string;
  code: string | null;
  minQuantity: number;
  validFrom: string;
  validTo: string | null;
};

export type ContractCandidate = Dated & { unitPriceFen: bigint };
export type PriceListCandidate = Dated & { unitPriceFen: bigint };
export type PromotionCandidate = Dated & {
  discountBp: number | null;
  promoPriceFen: bigint | null;
};

/**
 * A special price of the deal registration the order names (resolve.ts fetches only the buyer's
 * own, approved and protected on the date): it prices the line only while `remaining` covers it.
 */
export type SpecialPriceCandidate = {
  id: string;
  code: string;
  unitPriceFen: bigint;
  remaining: number;
  reason: string | null;
};

export type PriceCandidates = {
  listPriceFen: bigint;
  quantity: number;
  on: string;
  contracts: ContractCandidate[];
  priceListItems: PriceListCandidate[];
  promotions: PromotionCandidate[];
  specialPrices?: SpecialPriceCandidate[];
};

// yyyy-mm-dd strings compare correctly as strings.
const validOn = (row: Dated, on: string) =>
  row.validFrom <= on && (row.validTo === null || row.validTo >= on);

/** Highest minimum quantity not above the quantity; on equal breaks, the later start, then the lower price. */
function bestBreak<T extends Dated & { unitPriceFen: bigint }>(
  rows: T[],
  quantity: number,
  on: string,
): T | undefined {
  return rows
    .filter((r) => validOn(r, on) && r.minQuantity <= quantity)
    .sort(
      (a, b) =>
        b.minQuantity - a.minQuantity ||
        b.validFrom.localeCompare(a.validFrom) ||
        (a.unitPriceFen < b.unitPriceFen
          ? -1
          : a.unitPriceFen > b.unitPriceFen
            ? 1
            : 0),
    )[0];
}

/**
 * Two lists for the same kind of partner may overlap in time (a new list published before the old
 * one ends): the one that started last is the one in force for a product it holds.
 */
function newestList(rows: PriceListCandidate[], on: string): PriceListCandidate[] {
  const valid = rows.filter((r) => validOn(r, on));
  const newest = valid.reduce<PriceListCandidate | undefined>((best, r) => (!best || r.validFrom > best.validFrom || (r.validFrom === best.validFrom && (r.code ?? "") > (best.code ?? "")) ? r : best), undefined);
  return newest ? valid.filter((r) => r.id === newest.id) : [];
}

/** Round half up to the fen: price × (10000 − bp) / 10000. */
export function discounted(priceFen: bigint, discountBp: number): bigint {
  return (priceFen * BigInt(10_000 - discountBp) * 2n + 10_000n) / 20_000n;
}

export function choosePrice(c: PriceCandidates): PriceReason {
  const list: PriceReason = {
    rule: "list",
    listPriceFen: c.listPriceFen,
    unitPriceFen: c.listPriceFen,
    ruleId: null,
    ruleCode: null,
    minQuantity: 1,
  };

  const contract = bestBreak(c.contracts, c.quantity, c.on);
  if (contract)
    return withSpecialPrice(c, {
      ...list,
      rule: "contract",
      unitPriceFen: contract.unitPriceFen,
      ruleId: contract.id,
      ruleCode: contract.code,
      minQuantity: contract.minQuantity,
    });

  const item = bestBreak(newestList(c.priceListItems, c.on), c.quantity, c.on);
  const base: PriceReason = item
    ? {
        ...list,
        rule: item.minQuantity > 1 ? "volume_break" : "price_list",
        unitPriceFen: item.unitPriceFen,
        ruleId: item.id,
        ruleCode: item.code,
        minQuantity: item.minQuantity,
      }
    : list;

  let best = base;
  for (const promo of c.promotions) {
    if (!validOn(promo, c.on) || promo.minQuantity > c.quantity) continue;
    const price =
      promo.promoPriceFen ??
      (promo.discountBp === null
        ? null
        : discounted(base.unitPriceFen, promo.discountBp));
    // Strictly lower only: on a tie the price list (or list price) keeps the line.
    if (price === null || price >= best.unitPriceFen) continue;
    best = {
      ...list,
      rule: "promotion",
      unitPriceFen: price,
      ruleId: promo.id,
      ruleCode: promo.code,
      minQuantity: promo.minQuantity,
    };
  }
  return withSpecialPrice(c, best);
}

/**
 * The deal's special price, like a promotion, only when strictly lower than what the other rules
 * chose (a contract included): it is the buyer's to use, and a unit it would not lower the price of
 * is not taken from its quantity.
 */
function withSpecialPrice(c: PriceCandidates, chosen: PriceReason): PriceReason {
  let best = chosen;
  for (const spa of c.specialPrices ?? []) {
    if (spa.remaining < c.quantity || spa.unitPriceFen >= best.unitPriceFen) continue;
    best = {
      rule: "special_price",
      listPriceFen: c.listPriceFen,
      unitPriceFen: spa.unitPriceFen,
      ruleId: spa.id,
      ruleCode: spa.code,
      minQuantity: 1,
      note: spa.reason,
    };
  }
  return best;
}
