import { describe, expect, it } from "vitest";
import {
  choosePrice,
  discounted,
  type PriceCandidates,
  type PriceRule,
} from "./choose";

const ON = "2026-06-15";
const base: PriceCandidates = {
  listPriceFen: 100_000n,
  quantity: 1,
  on: ON,
  contracts: [],
  priceListItems: [],
  promotions: [],
};
const dealerList = (
  minQuantity: number,
  unitPriceFen: bigint,
  validFrom = "2026-01-01",
  validTo: string | null = null,
) => ({
  id: "pl-dealer",
  code: "PL-DEALER",
  minQuantity,
  unitPriceFen,
  validFrom,
  validTo,
});
const contract = (
  minQuantity: number,
  unitPriceFen: bigint,
  validFrom = "2026-01-01",
  validTo: string | null = "2026-12-31",
) => ({
  id: `ct-${minQuantity}-${validFrom}`,
  code: "HT-2026-001",
  minQuantity,
  unitPriceFen,
  validFrom,
  validTo,
});
const promo = (p: {
  discountBp?: number;
  promoPriceFen?: bigint;
  minQuantity?: number;
  validFrom?: string;
  validTo?: string;
  code?: string;
}) => ({
  id: `pr-${p.code ?? "A"}`,
  code: p.code ?? "PROMO-A",
  minQuantity: p.minQuantity ?? 1,
  discountBp: p.discountBp ?? null,
  promoPriceFen: p.promoPriceFen ?? null,
  validFrom: p.validFrom ?? "2026-06-01",
  validTo: p.validTo ?? "2026-06-30",
});

const breaks = [
  dealerList(1, 90_000n),
  dealerList(10, 85_000n),
  dealerList(50, 80_000n),
];

type Case = [
  name: string,
  candidates: Partial<PriceCandidates>,
  rule: PriceRule,
  unitPriceFen: bigint,
  ruleCode: string | null,
  minQuantity: number,
];

const cases: Case[] = [
  ["nothing applies: list price", {}, "list", 100_000n, null, 1],
  [
    "base price-list row",
    { priceListItems: breaks, quantity: 1 },
    "price_list",
    90_000n,
    "PL-DEALER",
    1,
  ],
  [
    "one below the break keeps the base row",
    { priceListItems: breaks, quantity: 9 },
    "price_list",
    90_000n,
    "PL-DEALER",
    1,
  ],
  [
    "exactly at the break's minimum quantity",
    { priceListItems: breaks, quantity: 10 },
    "volume_break",
    85_000n,
    "PL-DEALER",
    10,
  ],
  [
    "between breaks takes the highest reached",
    { priceListItems: breaks, quantity: 49 },
    "volume_break",
    85_000n,
    "PL-DEALER",
    10,
  ],
  [
    "top break",
    { priceListItems: breaks, quantity: 500 },
    "volume_break",
    80_000n,
    "PL-DEALER",
    50,
  ],
  [
    "only a break above 1 and quantity too small: list",
    { priceListItems: [dealerList(10, 85_000n)], quantity: 5 },
    "list",
    100_000n,
    null,
    1,
  ],
  [
    "price list not yet valid",
    { priceListItems: [dealerList(1, 90_000n, "2026-06-16")] },
    "list",
    100_000n,
    null,
    1,
  ],
  [
    "price list ended the day before",
    { priceListItems: [dealerList(1, 90_000n, "2026-01-01", "2026-06-14")] },
    "list",
    100_000n,
    null,
    1,
  ],
  [
    "price list ends today (inclusive)",
    { priceListItems: [dealerList(1, 90_000n, "2026-01-01", ON)] },
    "price_list",
    90_000n,
    "PL-DEALER",
    1,
  ],
  [
    "contract beats a cheaper price list",
    { priceListItems: breaks, contracts: [contract(1, 95_000n)], quantity: 60 },
    "contract",
    95_000n,
    "HT-2026-001",
    1,
  ],
  [
    "contract beats a cheaper promotion",
    {
      contracts: [contract(1, 95_000n)],
      promotions: [promo({ promoPriceFen: 50_000n })],
    },
    "contract",
    95_000n,
    "HT-2026-001",
    1,
  ],
  [
    "contract breaks: highest min reached",
    { contracts: [contract(1, 95_000n), contract(20, 88_000n)], quantity: 20 },
    "contract",
    88_000n,
    "HT-2026-001",
    20,
  ],
  [
    "contract break not reached falls through to price list",
    {
      contracts: [contract(20, 70_000n)],
      priceListItems: breaks,
      quantity: 19,
    },
    "volume_break",
    85_000n,
    "PL-DEALER",
    10,
  ],
  [
    "expired contract is ignored",
    {
      contracts: [contract(1, 70_000n, "2025-01-01", "2026-06-14")],
      priceListItems: breaks,
    },
    "price_list",
    90_000n,
    "PL-DEALER",
    1,
  ],
  [
    "contract valid through today applies",
    {
      contracts: [contract(1, 70_000n, "2025-01-01", ON)],
      priceListItems: breaks,
    },
    "contract",
    70_000n,
    "HT-2026-001",
    1,
  ],
  [
    "open-ended contract",
    { contracts: [contract(1, 70_000n, "2025-01-01", null)] },
    "contract",
    70_000n,
    "HT-2026-001",
    1,
  ],
  [
    "percentage promotion off the price-list price",
    { priceListItems: breaks, promotions: [promo({ discountBp: 1000 })] },
    "promotion",
    81_000n,
    "PROMO-A",
    1,
  ],
  [
    "percentage promotion off the volume break",
    {
      priceListItems: breaks,
      promotions: [promo({ discountBp: 1000 })],
      quantity: 10,
    },
    "promotion",
    76_500n,
    "PROMO-A",
    1,
  ],
  [
    "percentage promotion off the list price when no price list",
    { promotions: [promo({ discountBp: 500 })] },
    "promotion",
    95_000n,
    "PROMO-A",
    1,
  ],
  [
    "fixed promotion cheaper than the break",
    {
      priceListItems: breaks,
      promotions: [promo({ promoPriceFen: 79_000n })],
      quantity: 50,
    },
    "promotion",
    79_000n,
    "PROMO-A",
    1,
  ],
  [
    "fixed promotion dearer than the break loses",
    {
      priceListItems: breaks,
      promotions: [promo({ promoPriceFen: 81_000n })],
      quantity: 50,
    },
    "volume_break",
    80_000n,
    "PL-DEALER",
    50,
  ],
  [
    "tie keeps the price list",
    { priceListItems: breaks, promotions: [promo({ promoPriceFen: 90_000n })] },
    "price_list",
    90_000n,
    "PL-DEALER",
    1,
  ],
  [
    "tie with a volume break keeps the break",
    {
      priceListItems: breaks,
      promotions: [promo({ promoPriceFen: 85_000n })],
      quantity: 10,
    },
    "volume_break",
    85_000n,
    "PL-DEALER",
    10,
  ],
  [
    "tie with the list price keeps the list",
    { promotions: [promo({ promoPriceFen: 100_000n })] },
    "list",
    100_000n,
    null,
    1,
  ],
  [
    "promotion on its first day",
    {
      priceListItems: breaks,
      promotions: [promo({ promoPriceFen: 1n, validFrom: ON })],
    },
    "promotion",
    1n,
    "PROMO-A",
    1,
  ],
  [
    "promotion on its last day",
    {
      priceListItems: breaks,
      promotions: [promo({ promoPriceFen: 1n, validTo: ON })],
    },
    "promotion",
    1n,
    "PROMO-A",
    1,
  ],
  [
    "promotion starting tomorrow",
    {
      priceListItems: breaks,
      promotions: [promo({ promoPriceFen: 1n, validFrom: "2026-06-16" })],
    },
    "price_list",
    90_000n,
    "PL-DEALER",
    1,
  ],
  [
    "promotion ended yesterday",
    {
      priceListItems: breaks,
      promotions: [promo({ promoPriceFen: 1n, validTo: "2026-06-14" })],
    },
    "price_list",
    90_000n,
    "PL-DEALER",
    1,
  ],
  [
    "promotion minimum not reached",
    {
      priceListItems: breaks,
      promotions: [promo({ promoPriceFen: 1n, minQuantity: 5 })],
      quantity: 4,
    },
    "price_list",
    90_000n,
    "PL-DEALER",
    1,
  ],
  [
    "promotion minimum exactly reached",
    {
      priceListItems: breaks,
      promotions: [promo({ promoPriceFen: 1n, minQuantity: 5 })],
      quantity: 5,
    },
    "promotion",
    1n,
    "PROMO-A",
    5,
  ],
  [
    "a newer overlapping list replaces the older one, even its higher break",
    { priceListItems: [...breaks, { ...dealerList(1, 88_000n, "2026-06-01"), id: "pl-dealer-h2", code: "PL-DEALER-H2" }], quantity: 60 },
    "price_list",
    88_000n,
    "PL-DEALER-H2",
    1,
  ],
  [
    "cheapest of two promotions",
    {
      priceListItems: breaks,
      promotions: [
        promo({ discountBp: 1000, code: "A" }),
        promo({ discountBp: 2000, code: "B" }),
      ],
    },
    "promotion",
    72_000n,
    "B",
    1,
  ],
];

describe("choosePrice", () => {
  it.each(cases)(
    "%s",
    (_name, candidates, rule, unitPriceFen, ruleCode, minQuantity) => {
      const reason = choosePrice({ ...base, ...candidates });
      expect(reason).toMatchObject({
        rule,
        unitPriceFen,
        ruleCode,
        minQuantity,
        listPriceFen: 100_000n,
      });
    },
  );

  it("names the winning row", () => {
    expect(choosePrice({ ...base, priceListItems: breaks }).ruleId).toBe(
      "pl-dealer",
    );
    expect(choosePrice(base).ruleId).toBeNull();
  });
});

describe("discounted", () => {
  it.each([
    [100_000n, 1000, 90_000n],
    [999n, 1500, 849n], // 849.15 → 849
    [1n, 5000, 1n], // 0.5 rounds half up
    [3n, 5000, 2n], // 1.5 → 2
    [12_345n, 9999, 1n], // 1.2345 → 1
  ])("%s fen less %s bp → %s", (price, bp, expected) => {
    expect(discounted(price, bp)).toBe(expected);
  });
});


describe("choosePrice with a deal's special price (SPA)", () => {
  const spa = (unitPriceFen: bigint, remaining: number) => ({ id: "spa-1", code: "DR-2026-000001", unitPriceFen, remaining, reason: "医院集采" });
  it.each([
    { name: "below every rule: the SPA with its reason", specials: [spa(70_000n, 10)], quantity: 5, rule: "special_price", price: 70_000n },
    { name: "quantity above what is left: not applied", specials: [spa(70_000n, 4)], quantity: 5, rule: "contract", price: 90_000n },
    { name: "exactly what is left: applied", specials: [spa(70_000n, 5)], quantity: 5, rule: "special_price", price: 70_000n },
    { name: "not lower than the contract: the contract keeps the line", specials: [spa(90_000n, 10)], quantity: 5, rule: "contract", price: 90_000n },
  ])("$name", ({ specials, quantity, rule, price }) => {
    const chosen = choosePrice({ ...base, quantity, contracts: [contract(1, 90_000n)], specialPrices: specials });
    expect([chosen.rule, chosen.unitPriceFen]).toEqual([rule, price]);
    if (rule === "special_price") expect([chosen.ruleCode, chosen.note]).toEqual(["DR-2026-000001", "医院集采"]);
  });
});
