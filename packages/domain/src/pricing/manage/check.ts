import type { Ctx } from "../../shared/context";
import { parseInput } from "../../shared/parse";
import { shanghaiToday } from "../../shared/dates";
import { resolvePrices, type PriceReason } from "../resolve";
import { authorizeRead, organizationByCode, productBySku } from "./lookup";
import { priceCheckInput } from "./schema";

export type PriceCheck = {
  organization: { id: string; code: string; name: string; kind: string };
  product: { id: string; sku: string; nameZh: string; nameEn: string; active: boolean };
  quantity: number;
  on: string;
  /** Null when the product is not sold (inactive). */
  price: PriceReason | null;
};

/** What an organization would pay for a quantity of a SKU on a date, and why: the same resolver checkout uses. */
export async function checkPrice(ctx: Ctx, raw: unknown): Promise<PriceCheck> {
  authorizeRead(ctx);
  const input = parseInput(priceCheckInput, raw);
  const [organization, product] = await Promise.all([organizationByCode(ctx, input.organizationCode), productBySku(ctx, input.sku)]);
  const on = input.on ?? shanghaiToday();
  const prices = await resolvePrices(ctx.db, { organizationId: organization.id, on, lines: [{ productId: product.id, quantity: input.quantity }] });
  return { organization, product, quantity: input.quantity, on, price: prices.get(product.id) ?? null };
}
