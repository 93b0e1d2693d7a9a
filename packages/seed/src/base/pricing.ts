import type { DatabaseOrTransaction } from "@cs/db/client";
import type { OrganizationKind } from "@cs/db/schema/enums";
import {
  contractPrices,
  priceListItems,
  priceLists,
  promotions,
} from "@cs/db/schema/pricing";
import type { products } from "@cs/db/schema/products";
import { seedUuid } from "./random";
import { insertChunked } from "./util";

type ProductRow = typeof products.$inferInsert;

/** Discount off the list price per kind of partner (basis points), as the channel usually sets them. */
const TIERS: readonly {
  kind: OrganizationKind;
  code: string;
  nameZh: string;
  nameEn: string;
  discountBp: number;
}[] = [
  {
    kind: "master_distributor",
    code: "PL-MD",
    nameZh: "总代价格表",
    nameEn: "Master distributor price list",
    discountBp: 2200,
  },
  {
    kind: "agent",
    code: "PL-AG",
    nameZh: "二级代理价格表",
    nameEn: "Agent price list",
    discountBp: 1500,
  },
  {
    kind: "dealer",
    code: "PL-DL",
    nameZh: "经销商价格表",
    nameEn: "Dealer price list",
    discountBp: 800,
  },
  {
    kind: "key_account",
    code: "PL-KA",
    nameZh: "行业大客户价格表",
    nameEn: "Key account price list",
    discountBp: 1200,
  },
];

/** Lines sold in volume: extra points off from these quantities (dealers and agents). */
const BREAK_LINES = new Set(
  ["MON", "KM", "TN"].map((code) => seedUuid(`product-line:${code}`)),
);
const BREAKS = [
  { minQuantity: 10, extraBp: 300 },
  { minQuantity: 50, extraBp: 600 },
];

/** Whole yuan, as price lists are printed: list × (1 − bp), rounded half up to the yuan. */
const off = (listFen: bigint, bp: number) =>
  (((listFen * BigInt(10_000 - bp)) / 10_000n + 50n) / 100n) * 100n;

/** Each tier's base price (quantity 1) of products seeded apart from the catalogue (the extended warranties). */
export function tierBasePrices(rows: readonly { id: string; listPriceFen: bigint }[]) {
  return TIERS.flatMap((t) => rows.map((p) => ({ priceListId: seedUuid(`price-list:${t.code}`), productId: p.id, minQuantity: 1, unitPriceFen: off(p.listPriceFen, t.discountBp) })));
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) =>
  isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

/**
 * Demo pricing: a price list per partner tier, volume breaks on monitors, keyboards and toner, a
 * contract for DL-0001 on a few notebooks, a promotion on monitors running now and one on desktops
 * that ended. Promotion dates follow the day of seeding so "now" stays now in a fresh demo.
 */
export function buildPricingData(
  source: { products: readonly ProductRow[] },
  today: string,
) {
  const lists = TIERS.map((t) => ({
    id: seedUuid(`price-list:${t.code}`),
    code: t.code,
    nameZh: t.nameZh,
    nameEn: t.nameEn,
    partnerKind: t.kind,
    validFrom: "2025-01-01",
    validTo: null,
  }));
  const items = TIERS.flatMap((t) =>
    source.products.flatMap((p) => {
      const base = {
        priceListId: seedUuid(`price-list:${t.code}`),
        productId: p.id!,
        minQuantity: 1,
        unitPriceFen: off(p.listPriceFen, t.discountBp),
      };
      const volume =
        (t.kind === "dealer" || t.kind === "agent") &&
        BREAK_LINES.has(p.productLineId);
      return volume
        ? [
            base,
            ...BREAKS.map((b) => ({
              ...base,
              minQuantity: b.minQuantity,
              unitPriceFen: off(p.listPriceFen, t.discountBp + b.extraBp),
            })),
          ]
        : [base];
    }),
  );
  const notebooks = source.products
    .filter((p) => p.productLineId === seedUuid("product-line:NB"))
    .slice(0, 4);
  const contracts = notebooks.flatMap((p, i) => {
    const row = {
      organizationId: seedUuid("org:DL-0001"),
      productId: p.id!,
      contractNo: "HT-2025-DL0001",
      validFrom: "2025-07-01",
      validTo: addDays(today, 365),
    };
    const base = {
      ...row,
      id: seedUuid(`contract:DL-0001:${p.sku}:1`),
      minQuantity: 1,
      unitPriceFen: off(p.listPriceFen, 1300),
    };
    // the first notebook also has a contract break from 20 units
    return i === 0
      ? [
          base,
          {
            ...row,
            id: seedUuid(`contract:DL-0001:${p.sku}:20`),
            minQuantity: 20,
            unitPriceFen: off(p.listPriceFen, 1600),
          },
        ]
      : [base];
  });
  const promos = [
    {
      id: seedUuid("promotion:PROMO-MON"),
      code: "PROMO-MON",
      nameZh: "显示器季末促销 9.5 折",
      nameEn: "Monitor quarter-end sale, 5% off",
      productLineId: seedUuid("product-line:MON"),
      discountBp: 500,
      startsOn: addDays(today, -14),
      endsOn: addDays(today, 45),
    },
    {
      id: seedUuid("promotion:PROMO-DT-SPRING"),
      code: "PROMO-DT-SPRING",
      nameZh: "台式机春季促销 9 折",
      nameEn: "Desktop spring sale, 10% off",
      productLineId: seedUuid("product-line:DT"),
      discountBp: 1000,
      startsOn: addDays(today, -120),
      endsOn: addDays(today, -60),
    },
  ];
  return { lists, items, contracts, promos };
}

const shanghaiToday = () =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());

export async function seedPricing(
  db: DatabaseOrTransaction,
  source: { products: readonly ProductRow[] },
  today = shanghaiToday(),
) {
  const data = buildPricingData(source, today);
  await insertChunked(db, priceLists, data.lists);
  await insertChunked(db, priceListItems, data.items);
  await insertChunked(db, contractPrices, data.contracts);
  await insertChunked(db, promotions, data.promos);
}
