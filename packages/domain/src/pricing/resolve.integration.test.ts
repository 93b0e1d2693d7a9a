import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  contractPrices,
  priceListItems,
  priceLists,
  productLines,
  products,
  promotions,
  type Database,
} from "@cs/db";
import { testDb } from "../../../../tests/db";
import { orgByCode, seedDemoData } from "@cs/testing/demo";
import { shanghaiToday } from "../shared/dates";
import { resolvePrices } from "./resolve";

let db: Database;
const P = { a: "", b: "", c: "", d: "", inactive: "" };
const O = { dealer: "", dealer2: "", agent: "", master: "" };
const ids = { dealerList: "", contract: "", linePromo: "", agentPromo: "" };

/** Products on a line of the test's own, so the demo pricing seed cannot touch them. */
async function seedPricing() {
  const [anyLine] = await db.select().from(productLines).limit(1);
  const [line] = await db
    .insert(productLines)
    .values({
      divisionId: anyLine!.divisionId,
      code: "T-PRICING",
      nameZh: "测试定价",
      nameEn: "Pricing test",
    })
    .returning();
  const product = async (sku: string, active = true) =>
    (
      await db
        .insert(products)
        .values({
          productLineId: line!.id,
          sku,
          nameZh: `测试${sku}`,
          nameEn: `Test ${sku}`,
          listPriceFen: 100_000n,
          costFen: 50_000n,
          active,
        })
        .returning()
    )[0]!.id;
  P.a = await product("T-PR-A");
  P.b = await product("T-PR-B");
  P.c = await product("T-PR-C");
  P.d = await product("T-PR-D");
  P.inactive = await product("T-PR-X", false);

  const list = async (
    code: string,
    partnerKind: "dealer" | "agent",
    validFrom: string,
    validTo: string | null,
  ) =>
    (
      await db
        .insert(priceLists)
        .values({
          code,
          nameZh: code,
          nameEn: code,
          partnerKind,
          validFrom,
          validTo,
        })
        .returning()
    )[0]!.id;
  ids.dealerList = await list(
    "T-DEALER-2026",
    "dealer",
    "2026-01-01",
    "2026-12-31",
  );
  const agentList = await list("T-AGENT-2026", "agent", "2026-01-01", null);
  const oldDealer = await list(
    "T-DEALER-2025",
    "dealer",
    "2025-01-01",
    "2025-12-31",
  );
  await db.insert(priceListItems).values([
    {
      priceListId: ids.dealerList,
      productId: P.a,
      minQuantity: 1,
      unitPriceFen: 90_000n,
    },
    {
      priceListId: ids.dealerList,
      productId: P.a,
      minQuantity: 10,
      unitPriceFen: 85_000n,
    },
    {
      priceListId: ids.dealerList,
      productId: P.b,
      minQuantity: 1,
      unitPriceFen: 90_000n,
    },
    {
      priceListId: ids.dealerList,
      productId: P.c,
      minQuantity: 1,
      unitPriceFen: 90_000n,
    },
    {
      priceListId: ids.dealerList,
      productId: P.inactive,
      minQuantity: 1,
      unitPriceFen: 1n,
    },
    {
      priceListId: agentList,
      productId: P.a,
      minQuantity: 1,
      unitPriceFen: 80_000n,
    },
    {
      priceListId: oldDealer,
      productId: P.d,
      minQuantity: 1,
      unitPriceFen: 10n,
    },
  ]);
  const [contract] = await db
    .insert(contractPrices)
    .values([
      {
        organizationId: O.dealer,
        productId: P.a,
        minQuantity: 1,
        unitPriceFen: 95_000n,
        contractNo: "T-HT-1",
        validFrom: "2026-01-01",
        validTo: "2026-12-31",
      },
      {
        organizationId: O.dealer,
        productId: P.b,
        minQuantity: 1,
        unitPriceFen: 50_000n,
        contractNo: "T-HT-OLD",
        validFrom: "2025-01-01",
        validTo: "2026-03-31",
      },
    ])
    .returning();
  ids.contract = contract!.id;
  const [linePromo, agentPromo] = await db
    .insert(promotions)
    .values([
      {
        code: "T-LINE-10",
        nameZh: "整线九折",
        nameEn: "Line 10% off",
        productLineId: line!.id,
        discountBp: 1000,
        startsOn: "2026-06-01",
        endsOn: "2026-06-30",
      },
      {
        code: "T-AGENT-C",
        nameZh: "代理特价",
        nameEn: "Agent special",
        productId: P.c,
        partnerKind: "agent",
        promoPriceFen: 1_000n,
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
      },
      {
        code: "T-OFF",
        nameZh: "停用",
        nameEn: "Inactive",
        productId: P.c,
        promoPriceFen: 1n,
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
        active: false,
      },
    ])
    .returning();
  ids.linePromo = linePromo!.id;
  ids.agentPromo = agentPromo!.id;
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  O.dealer = (await orgByCode(db, "DL-0001")).id;
  O.dealer2 = (await orgByCode(db, "DL-0002")).id;
  O.agent = (await orgByCode(db, "AG-001")).id;
  O.master = (await orgByCode(db, "MD-001")).id;
  await seedPricing();
});

const price = async (
  organizationId: string,
  on: string,
  lines: [string, number][],
) =>
  resolvePrices(db, {
    organizationId,
    on,
    lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
  });

describe("resolvePrices", () => {
  it("prices every line of a dealer with a contract in one call", async () => {
    const r = await price(O.dealer, "2026-05-10", [
      [P.a, 20],
      [P.b, 1],
      [P.c, 1],
      [P.d, 1],
    ]);
    expect(r.get(P.a)).toEqual({
      rule: "contract",
      listPriceFen: 100_000n,
      unitPriceFen: 95_000n,
      ruleId: ids.contract,
      ruleCode: "T-HT-1",
      minQuantity: 1,
    });
    // the contract on B expired on 2026-03-31
    expect(r.get(P.b)).toMatchObject({
      rule: "price_list",
      unitPriceFen: 90_000n,
      ruleId: ids.dealerList,
      ruleCode: "T-DEALER-2026",
    });
    // the 2025 dealer list is over: D has only its list price
    expect(r.get(P.d)).toMatchObject({
      rule: "list",
      unitPriceFen: 100_000n,
      ruleId: null,
    });
    expect(r.size).toBe(4);
  });

  it("gives another dealer the price list, its volume break and the line promotion", async () => {
    const may = await price(O.dealer2, "2026-05-31", [
      [P.a, 9],
      [P.b, 10],
    ]);
    expect(may.get(P.a)).toMatchObject({
      rule: "price_list",
      unitPriceFen: 90_000n,
    });
    // B has no break: 10 units stay on the base row
    expect(may.get(P.b)).toMatchObject({
      rule: "price_list",
      unitPriceFen: 90_000n,
      minQuantity: 1,
    });
    expect(
      (await price(O.dealer2, "2026-05-31", [[P.a, 10]])).get(P.a),
    ).toMatchObject({
      rule: "volume_break",
      unitPriceFen: 85_000n,
      minQuantity: 10,
    });
    for (const day of ["2026-06-01", "2026-06-30"]) {
      const june = await price(O.dealer2, day, [
        [P.a, 10],
        [P.d, 1],
      ]);
      expect(june.get(P.a)).toMatchObject({
        rule: "promotion",
        unitPriceFen: 76_500n,
        ruleId: ids.linePromo,
        ruleCode: "T-LINE-10",
      });
      // without a price list the promotion applies to the list price
      expect(june.get(P.d)).toMatchObject({
        rule: "promotion",
        unitPriceFen: 90_000n,
      });
    }
    expect(
      (await price(O.dealer2, "2026-07-01", [[P.a, 1]])).get(P.a),
    ).toMatchObject({ rule: "price_list", unitPriceFen: 90_000n });
  });

  it("keeps promotions for one kind of partner to that kind", async () => {
    const agent = await price(O.agent, "2026-05-10", [
      [P.a, 1],
      [P.c, 1],
    ]);
    expect(agent.get(P.a)).toMatchObject({
      rule: "price_list",
      unitPriceFen: 80_000n,
      ruleCode: "T-AGENT-2026",
    });
    expect(agent.get(P.c)).toMatchObject({
      rule: "promotion",
      unitPriceFen: 1_000n,
      ruleId: ids.agentPromo,
    });
    // a master distributor has no list here and the agent special is not for it; the inactive promotion never applies
    expect(
      (await price(O.master, "2026-05-10", [[P.c, 1]])).get(P.c),
    ).toMatchObject({ rule: "list", unitPriceFen: 100_000n });
  });

  it("prices repeated lines of one product on their total quantity", async () => {
    const r = await price(O.dealer2, "2026-05-10", [
      [P.a, 4],
      [P.a, 6],
    ]);
    expect(r.get(P.a)).toMatchObject({
      rule: "volume_break",
      unitPriceFen: 85_000n,
    });
  });

  it("leaves out unknown, malformed and inactive products and invalid quantities", async () => {
    const r = await price(O.dealer2, "2026-05-10", [
      [randomUUID(), 1],
      ["not-a-uuid", 1],
      [P.inactive, 1],
      [P.b, 0],
      [P.c, 1.5],
      [P.d, 1],
    ]);
    expect([...r.keys()]).toEqual([P.d]);
    expect(
      (await price(randomUUID(), "2026-05-10", [[P.a, 1]])).get(P.a),
    ).toMatchObject({ rule: "list" });
    expect(
      (await resolvePrices(db, { organizationId: O.dealer, lines: [] })).size,
    ).toBe(0);
  });

  it("uses today's date in China by default", async () => {
    const implicit = await resolvePrices(db, {
      organizationId: O.dealer2,
      lines: [{ productId: P.a, quantity: 1 }],
    });
    expect(implicit).toEqual(
      await price(O.dealer2, shanghaiToday(), [[P.a, 1]]),
    );
  });
});
