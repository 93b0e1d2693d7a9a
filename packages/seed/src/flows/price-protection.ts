import { eq, sql } from "drizzle-orm";
import { priceProtections, rebateStatements, users, type Database } from "@cs/db";
import { shanghaiToday } from "@cs/domain/shared/dates";
import type { Ctx } from "@cs/domain/shared/context";
import { loadActor } from "@cs/domain/users/actor";
import { approvePriceProtection, createPriceProtection } from "@cs/domain/rebates/price-protection";
import { publishRebateStatements } from "@cs/domain/rebates/statements";
import { settleStatement } from "@cs/domain/rebates/settle";
import { fenToYuan } from "@cs/domain/shared/money";

async function ctxFor(db: Database, login: string): Promise<Ctx> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.login, login));
  const actor = user ? await loadActor(db, user.id) : null;
  if (!actor) throw new Error(`rebate demo: no active user ${login}`);
  return { db, actor };
}

/**
 * A price protection through the real flow, so the demo dealer (DL-0001) has statements in the
 * portal and a rebate balance to spend at checkout: the product DL-0001 holds most of in its
 * virtual and consignment stock drops 5 % from today; finance approves and publishes every
 * partner's statement and settles DL-0001's (the others wait in "published" for the settle
 * button). A second product's drop stays a draft to review. Runs once: skipped when any price
 * protection exists.
 */
export async function seedDemoPriceProtection(db: Database): Promise<{ settledFen: bigint }> {
  const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${priceProtections}`);
  if (Number(n) > 0) return { settledFen: 0n };
  const finance = await ctxFor(db, "finance@demo.cn");
  const today = shanghaiToday();
  const held = await db.execute<{ product_id: string; list_price_fen: string }>(sql`
    select m.product_id, max(p.list_price_fen)::text as list_price_fen
      from stock_moves m
      join stock_locations l on l.id = m.to_location_id or l.id = m.from_location_id
      join organizations o on o.id = l.organization_id and o.code = 'DL-0001'
      join products p on p.id = m.product_id
     where m.state = 'done' and l.kind in ('partner_virtual', 'partner_consignment') and p.list_price_fen >= 10000
     group by m.product_id
    having sum(case when m.to_location_id = l.id then m.quantity else -m.quantity end) > 0
     order by sum(case when m.to_location_id = l.id then m.quantity else -m.quantity end) * max(p.list_price_fen) desc, m.product_id
     limit 2`);
  const [first, second] = held;
  if (!first) return { settledFen: 0n };
  const drop = (listFen: string) => {
    const old = BigInt(listFen);
    // 5 % off, to the whole yuan: a price list change reads like one
    const next = ((old * 95n) / 100n / 100n) * 100n;
    return { oldPrice: fenToYuan(old), newPrice: fenToYuan(next) };
  };
  const created = await createPriceProtection(finance, { _key: "demo-price-protection-1", product: first.product_id, effectiveDate: today, ...drop(first.list_price_fen), note: "2026 年第二季度降价" });
  await approvePriceProtection(finance, { id: created.id });
  const statements = await db.select({ id: rebateStatements.id, organizationId: rebateStatements.organizationId, amountFen: rebateStatements.amountFen }).from(rebateStatements).where(eq(rebateStatements.priceProtectionId, created.id));
  await publishRebateStatements(finance, { ids: statements.map((s) => s.id) });
  const dealer = await ctxFor(db, "dealer@demo.cn");
  const own = statements.find((s) => s.organizationId === dealer.actor.organizationId);
  if (own) await settleStatement(finance, { statementId: own.id });
  if (second) await createPriceProtection(finance, { _key: "demo-price-protection-2", product: second.product_id, effectiveDate: today, ...drop(second.list_price_fen), note: "待复核" });
  return { settledFen: own?.amountFen ?? 0n };
}
