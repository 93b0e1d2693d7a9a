import { createHash, randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { cartItems, executePrepared, executePreparedInOrder, orders, orderSubmissions, productLines, products, type BackorderPolicy, type OrderStatus, type OrganizationKind, type Transaction } from "@cs/db";
import { shanghaiToday, yearOf } from "../shared/dates";
import { requireBuyer } from "../cart/buyer";
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from "../cart/limits";
import { activeWarehouses, availability, availabilityBand, servingBranch } from "../inventory/availability";
import { exactAvailabilityKinds, type PartnerAvailability } from "../inventory/partner/availability";
import { reserve } from "../inventory/reservation";
import { resolvePrices } from "../pricing/resolve";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, ValidationError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { changeToken, UnacceptedChangesError, type CartChange } from "./changes";
import { creditExposure, creditReasons, orderStatusFor } from "./credit";
import { floorBreaches, floorCosts } from "./margin-floor";
import { insertOrdersStatement, numbersOf, type NewOrder } from "./place";
import { priceLine, orderTotalsOf } from "./pricing";
import { reserveLines, type LineBuckets } from "./reserve-lines";
import { supplierByDivision } from "./routing";
import { orderEventStatement } from "../notifications/notify";
import { authorize } from "../access/authorize";
import { checkRebateUse, couponPaymentStatement, lockCheckoutBalance, rebateUseField, rebateUseStatement } from "../rebates/balance-checkout";
import { checkCoveredSerials } from "../service/network/extended-warranty";
import { hasKey } from "../shared/keys";
import { blankToUndefined, optionalText } from "../validation/fields";
import { checkoutDeal, specialPriceUses, useSpecialPrices } from "../marketing/deal-prices";
import { checkCoupon, couponCodeField, findBuyerCoupon, redemptionStatement, takeCouponUse, type CouponReason } from "../coupons/checkout";


export const orderQuantity = z
  .number({ error: "orders.errors.quantityInvalid" })
  .int("orders.errors.quantityWhole")
  .min(1, "orders.errors.quantityPositive")
  .max(MAX_LINE_QUANTITY, "orders.errors.quantityTooLarge");

export const orderLinesInput = z
  .array(z.object({ productId: z.string(), quantity: orderQuantity }))
  .min(1, "orders.errors.empty")
  .max(MAX_CART_LINES, "orders.errors.tooManyLines");

export const submitOrderInput = z.object({
  _key: z.string({ error: "validation.missingKey" }).regex(/^[\w-]{8,64}$/, "validation.missingKey"),
  shipToAddressId: z.preprocess(blankToUndefined, z.string({ error: "orders.errors.addressRequired" }).trim().refine(isUuid, "orders.errors.addressInvalid")),
  requestedDate: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "validation.date")
      .refine((d) => d >= shanghaiToday(), "orders.errors.dateInPast")
      .optional(),
  ),
  poNumber: optionalText(50),
  notes: optionalText(1000),
  acceptedChanges: z.array(z.string().max(200)).max(MAX_CART_LINES).default([]),
  /** Explicit lines; without them the actor's cart is ordered (read here, never from the client). */
  lines: orderLinesInput.optional(),
  /** Paid from the rebate balance (yuan), on the distributor-supplied order only. */
  rebateAmount: rebateUseField,
  /** Extended-warranty lines: product id → the device serials its units cover, one per unit (docs/decisions/006). */
  coveredSerials: z.record(z.string(), z.array(z.string().trim().max(100, "validation.tooLong")).max(MAX_LINE_QUANTITY)).default({}),
  /** The deal registration (报备) the order is for: its end customer, and its special prices (docs/decisions/021). */
  dealRegistrationId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  /** A coupon code (docs/decisions/024): an order-level discount on the distributor-supplied order. */
  couponCode: couponCodeField,
});
export type SubmitOrderInput = z.input<typeof submitOrderInput>;

export type PlacedOrder = { id: string; number: string; status: OrderStatus; supplierId: string | null };
export type SubmitOrderResult = { orders: PlacedOrder[]; replayed: boolean };

type WantedLine = { productId: string; quantity: number; sku: string; active: boolean; divisionId: string; seenUnitPriceFen: bigint | null; seenAvailable: number | null; service: boolean };

/**
 * Checkout. Prices every line on the server, splits the lines into one order per supplier (a
 * master distributor above the buyer that supplies the line's division, else the distributor),
 * checks credit, and confirms (reserves stock) what needs no approval, all in one transaction that
 * also claims the form's `_key` for the buyer's organization: a replay returns the same orders, the
 * same key with other content is refused.
 *
 * Round trips are what a checkout waits for, so statements that do not need each other's answers go
 * together: (1) the key claim with every read that needs only the request, (2) prices, credit
 * exposure and availability, (3) the key's orders, the cart, the audit and the stock reservation,
 * (4) the orders with their SO numbers and, in the same flight after them, their notices. Stock rows
 * are locked from (3) and the SO-number row from (4) until commit, so both are held for the
 * shortest time.
 */
export async function submitOrder(ctx: Ctx, raw: unknown): Promise<SubmitOrderResult> {
  const buyer = requireBuyer(ctx);
  const input = parseInput(submitOrderInput, raw);
  const { _key: key, ...request } = input;
  const rebateFen = request.rebateAmount;
  if (rebateFen > 0n) authorize(ctx.actor, "own_rebate:use");
  const requestHash = createHash("sha256")
    .update(JSON.stringify({ ...request, rebateAmount: rebateFen > 0n ? String(rebateFen) : undefined, acceptedChanges: [...request.acceptedChanges].sort(), source: request.lines ? "lines" : "cart" }))
    .digest("hex");

  const outcome = await inTransaction(ctx, async (tx): Promise<{ replayed: SubmitOrderResult } | { list: NewOrder[]; last: Promise<{ id: string; number: string }[][]> }> => {
    // The claim is queued on the connection now, the reads below behind it in the same flight: a
    // second submission of the key waits at its claim, holding no lock its first one needs. On a
    // replay the reads' answers (and row locks, held to the end of this short transaction) go unused.
    const claim = executePreparedInOrder<{ key: string }>(tx, [
      sql`insert into order_submissions (organization_id, key, request_hash, user_id)
          values (${buyer.organizationId}::uuid, ${key}::text, ${requestHash}::text, ${buyer.userId}::uuid)
          on conflict do nothing returning key`,
    ]);
    const reads = Promise.all([
      buyerAndAddress(tx, buyer.organizationId, request.shipToAddressId),
      supplierByDivision(tx, buyer.organizationId),
      request.lines ? explicitLines(tx, request.lines) : cartLines(tx, buyer),
      activeWarehouses(tx),
      rebateFen > 0n ? lockCheckoutBalance(tx, buyer.organizationId) : Promise.resolve(0n),
      request.couponCode ? findBuyerCoupon(tx, buyer.organizationId, request.couponCode) : Promise.resolve(null),
    ]);
    reads.catch(() => {}); // a failure is the claim's too (the transaction is aborted): it is reported from there
    const [claimed] = (await claim)[0] ?? [];
    if (!claimed) return { replayed: await replay(tx, buyer.organizationId, key, requestHash) };
    const [[org], routes, wanted, warehouseRows, rebateBalanceFen, coupon] = await reads;
    if (!org) throw new ValidationError({ form: ["orders.errors.noBuyer"] });
    const address = org.address;
    if (!address) throw new ValidationError({ shipToAddressId: ["orders.errors.addressInvalid"] });
    checkLines(wanted);
    await checkServiceLines(tx, buyer.organizationId, wanted, request.coveredSerials);

    const warehouses = servingBranch(warehouseRows, org.ownerBranchId);
    const dealRegistrationId = request.dealRegistrationId ? await checkoutDeal(tx, buyer.organizationId, request.dealRegistrationId, shanghaiToday()) : null;
    const [prices, exposure, stock, floors] = await Promise.all([
      resolvePrices(tx, { organizationId: buyer.organizationId, lines: wanted, dealRegistrationId }),
      creditExposure(tx, buyer.organizationId),
      request.lines ? Promise.resolve(null) : availability(tx, wanted.map((l) => l.productId), warehouses),
      // Margin floors guard our own sales only: a master distributor's order is priced to its margin, not ours.
      floorCosts(tx, wanted.filter((l) => !routes.get(l.divisionId)).map((l) => l.productId)),
    ]);
    const unsellable: Record<string, string[]> = {};
    wanted.forEach((l, i) => {
      if (!prices.has(l.productId)) unsellable[`lines.${i}.productId`] = ["orders.errors.unsellable"];
    });
    if (Object.keys(unsellable).length) throw new ValidationError(unsellable);
    if (stock) {
      const exact = exactAvailabilityKinds.includes(org.kind);
      const show = (n: number): PartnerAvailability => (exact ? { exact: n } : { band: availabilityBand(n) });
      const changes = cartChanges(wanted, prices, stock, show);
      const accepted = new Set(request.acceptedChanges);
      const unaccepted = changes.filter((c) => !accepted.has(c.token));
      if (unaccepted.length) throw new UnacceptedChangesError(unaccepted);
    }

    // One order per supplier: the distributor's first, then each master distributor's.
    const groups = new Map<string | null, typeof wanted>();
    for (const l of wanted) {
      const supplierId = routes.get(l.divisionId) ?? null;
      groups.set(supplierId, [...(groups.get(supplierId) ?? []), l]);
    }
    const ordered = [...groups.entries()].sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));

    // The coupon and the rebate are ours: they apply to the distributor's order only (a master
    // distributor's order is paid to it, not us); the coupon comes off first, the rebate pays from the rest.
    const today = shanghaiToday();
    const ownGoodsFen = coupon || rebateFen > 0n ? orderTotalsOf((groups.get(null) ?? []).map((l) => priceLine(l, prices.get(l.productId)!))).totalFen : 0n;
    const couponUse: CouponReason | null = coupon ? checkCoupon(coupon, ownGoodsFen, today) : null;
    if (rebateFen > 0n) checkRebateUse(rebateFen, rebateBalanceFen, ownGoodsFen - (couponUse?.discountFen ?? 0n));

    let committed = exposure;
    const placing = ordered.map(([supplierId, lines]) => {
      const priced = lines.map((l) => ({ ...priceLine(l, prices.get(l.productId)!), service: l.service, coveredSerials: coveredOf(request.coveredSerials, l) }));
      const totals = orderTotalsOf(priced);
      const rebateAppliedFen = supplierId === null ? rebateFen : 0n;
      const couponDiscountFen = supplierId === null ? (couponUse?.discountFen ?? 0n) : 0n;
      // what the rebate pays is paid and what the coupon takes off is not owed: only the rest uses credit
      const dueFen = totals.totalFen - rebateAppliedFen - couponDiscountFen;
      const reasons = creditReasons({ creditLimitFen: org.creditLimitFen, creditHold: org.creditHold, exposureFen: committed, orderFen: dueFen });
      const belowFloor = supplierId === null ? floorBreaches(priced, floors, couponDiscountFen) : [];
      if (belowFloor.length) reasons.unshift("margin_floor");
      committed += dueFen;
      return { id: randomUUID(), supplierId, lines, priced, totals, reasons, status: orderStatusFor(reasons), rebateAppliedFen, couponDiscountFen, belowFloor };
    });
    const ids = placing.map((o) => o.id);
    if (dealRegistrationId) await useSpecialPrices(tx, specialPriceUses(wanted.map((l) => ({ quantity: l.quantity, reason: prices.get(l.productId)! }))));
    const couponOrder = couponUse ? placing.find((o) => o.supplierId === null) : undefined;
    if (couponUse && couponOrder) await takeCouponUse(tx, couponUse.couponId, today);

    // The key's orders, the cart, the audit and the stock in one flight: the stock rows reserve()
    // locks then wait only for the orders' insert and the commit.
    const [, , ...rest] = await Promise.all([
      tx.update(orderSubmissions).set({ orderIds: ids }).where(and(eq(orderSubmissions.organizationId, buyer.organizationId), eq(orderSubmissions.key, key))),
      request.lines
        ? Promise.resolve()
        : tx.delete(cartItems).where(and(eq(cartItems.userId, buyer.userId), inArray(cartItems.productId, wanted.map((l) => l.productId)))),
      ...placing.map((o) =>
        recordAudit(tx, ctx.actor, {
          action: "order.submit",
          entity: "order",
          entityId: o.id,
          after: { status: o.status, supplierId: o.supplierId, approvalReasons: o.reasons, ...(o.belowFloor.length ? { belowFloor: o.belowFloor } : {}), totalFen: o.totals.totalFen, rebateAppliedFen: o.rebateAppliedFen, ...(o === couponOrder ? { coupon: couponUse!.code, couponDiscountFen: o.couponDiscountFen } : {}), lines: o.priced.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceFen: l.unitPriceFen, rule: l.reason.rule })) },
        }),
      ),
      ...placing.map((o) =>
        o.status === "confirmed"
          ? reserveLines(tx, { id: o.id, supplierId: o.supplierId, ownerBranchId: org.ownerBranchId }, org.backorderPolicy, o.priced, {
              reserver: o.supplierId ? undefined : (t, ref, ls) => reserve(t, ref, ls, warehouses),
            })
          : Promise.resolve(o.priced.map((l) => ({ productId: l.productId, quantityReserved: 0, quantityBackordered: 0, quantityCancelled: 0 }))),
      ),
    ]);
    const buckets = rest.slice(placing.length) as LineBuckets[][];

    const list: NewOrder[] = placing.map((o, g) => {
      const divisions = new Set(o.lines.map((l) => l.divisionId));
      return {
        id: o.id,
        organizationId: buyer.organizationId,
        ownerBranchId: org.ownerBranchId,
        supplierId: o.supplierId,
        divisionId: divisions.size === 1 ? [...divisions][0]! : null,
        status: o.status,
        approvalReasons: o.reasons,
        placedBy: buyer.userId,
        poNumber: request.poNumber ?? null,
        shipToAddressId: address.id,
        shipTo: { label: address.label, recipient: address.recipient, phone: address.phone, province: address.province, city: address.city, district: address.district, line: address.line },
        requestedDate: request.requestedDate ?? null,
        notes: request.notes ?? null,
        dealRegistrationId,
        couponDiscountFen: o.couponDiscountFen,
        ...o.totals,
        lines: o.priced.map((l, i) => ({ ...l, ...buckets[g]![i]! })),
        events: [
          { action: "submitted", fromStatus: null, toStatus: "submitted" },
          ...(o.status === "submitted" ? [] : [{ action: o.status, fromStatus: "submitted" as const, toStatus: o.status, details: { reasons: o.reasons } }]),
        ],
      };
    });

    // Last: the SO numbers (their row stays locked until commit) and, right behind them, the notices,
    // which read the orders just written, and the COMMIT: the callback returns without waiting for
    // their answers, so the number row is not held across a trip back to this process. Should either
    // statement fail, the transaction is aborted and PostgreSQL answers the COMMIT with a rollback;
    // the failure is then thrown below, after the transaction, with nothing written.
    const rebated = placing.find((o) => o.rebateAppliedFen > 0n);
    const last = executePreparedInOrder<{ id: string; number: string }>(tx, [
      insertOrdersStatement(yearOf(today), buyer.userId, list),
      ...(rebated
        ? [rebateUseStatement({ organizationId: buyer.organizationId, ownerBranchId: org.ownerBranchId, orderId: rebated.id, amountFen: rebated.rebateAppliedFen, userId: buyer.userId, year: yearOf(today), receivedOn: today })]
        : []),
      ...(couponUse && couponOrder
        ? [
            redemptionStatement({ couponId: couponUse.couponId, orderId: couponOrder.id, organizationId: buyer.organizationId, amountFen: couponOrder.couponDiscountFen }),
            couponPaymentStatement({ organizationId: buyer.organizationId, ownerBranchId: org.ownerBranchId, orderId: couponOrder.id, amountFen: couponOrder.couponDiscountFen, userId: buyer.userId, year: yearOf(today), receivedOn: today }),
          ]
        : []),
      ...list.map((o) => orderEventStatement({ orderId: o.id, event: o.status, actorId: buyer.userId })),
    ]);
    last.catch(() => {}); // awaited below
    return { list, last };
  });
  if (hasKey(outcome, "replayed")) return outcome.replayed;
  const [inserted] = await outcome.last;
  const numbers = numbersOf(inserted!);
  return { orders: outcome.list.map((o) => ({ id: o.id, number: numbers.get(o.id)!, status: o.status, supplierId: o.supplierId })), replayed: false };
}

async function replay(tx: Transaction, organizationId: string, key: string, requestHash: string): Promise<SubmitOrderResult> {
  const [prior] = await tx
    .select()
    .from(orderSubmissions)
    .where(and(eq(orderSubmissions.organizationId, organizationId), eq(orderSubmissions.key, key)));
  if (!prior || prior.requestHash !== requestHash) throw new ConflictError("orders.errors.keyReused");
  const rows = prior.orderIds.length
    ? await tx.select({ id: orders.id, number: orders.number, status: orders.status, supplierId: orders.supplierId }).from(orders).where(inArray(orders.id, prior.orderIds))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { orders: prior.orderIds.map((id) => byId.get(id)!).filter(Boolean), replayed: true };
}

const lineColumns = { sku: products.sku, active: products.active, divisionId: productLines.divisionId, months: products.extendedWarrantyMonths };

type BuyerRow = {
  kind: OrganizationKind;
  owner_branch_id: string | null;
  credit_limit_fen: bigint;
  credit_hold: boolean;
  backorder_policy: BackorderPolicy;
  address_id: string | null;
  label: string;
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string | null;
  line: string;
};

/**
 * The buyer, locked (one checkout at a time per buyer: two orders cannot both pass the same credit
 * headroom), with the ship-to address when it is the buyer's own. Every checkout runs it: prepared
 * raw SQL, no query building.
 */
async function buyerAndAddress(tx: Transaction, organizationId: string, addressId: string) {
  const rows = await executePrepared<BuyerRow>(
    tx,
    sql`select o.kind, o.owner_branch_id, o.credit_limit_fen, o.credit_hold, o.backorder_policy,
               a.id as address_id, a.label, a.recipient, a.phone, a.province, a.city, a.district, a.line
          from organizations o
          left join addresses a on a.id = ${addressId}::uuid and a.organization_id = o.id
         where o.id = ${organizationId}::uuid
           for no key update of o`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    ownerBranchId: r.owner_branch_id,
    creditLimitFen: r.credit_limit_fen,
    creditHold: r.credit_hold,
    backorderPolicy: r.backorder_policy,
    address: r.address_id
      ? { id: r.address_id, label: r.label, recipient: r.recipient, phone: r.phone, province: r.province, city: r.city, district: r.district, line: r.line }
      : null,
  }));
}

type CartRow = { product_id: string; quantity: number; seen_unit_price_fen: bigint; seen_available: number | null; sku: string; active: boolean; division_id: string; service: boolean };

async function cartLines(tx: Transaction, buyer: { userId: string; organizationId: string }): Promise<WantedLine[]> {
  const rows = await executePrepared<CartRow>(
    tx,
    sql`select c.product_id, c.quantity, c.seen_unit_price_fen, c.seen_available, p.sku, p.active, pl.division_id,
               p.extended_warranty_months is not null as service
          from cart_items c
          join products p on p.id = c.product_id
          join product_lines pl on pl.id = p.product_line_id
         where c.user_id = ${buyer.userId}::uuid and c.organization_id = ${buyer.organizationId}::uuid
         order by c.added_at, p.sku
           -- Two tabs checking out the same cart: the second waits and then sees the cart emptied.
           for update of c`,
  );
  return rows.map((r) => ({ productId: r.product_id, quantity: r.quantity, seenUnitPriceFen: r.seen_unit_price_fen, seenAvailable: r.seen_available, sku: r.sku, active: r.active, divisionId: r.division_id, service: r.service }));
}

/** Explicit lines, a product named twice counted once; unknown ids become unsellable lines. */
async function explicitLines(tx: Transaction, lines: { productId: string; quantity: number }[]): Promise<WantedLine[]> {
  const merged = new Map<string, number>();
  for (const l of lines) merged.set(l.productId, (merged.get(l.productId) ?? 0) + l.quantity);
  const ids = [...merged.keys()].filter(isUuid);
  const found = ids.length
    ? await tx.select({ productId: products.id, ...lineColumns }).from(products).innerJoin(productLines, eq(productLines.id, products.productLineId)).where(inArray(products.id, ids))
    : [];
  const byId = new Map(found.map((p) => [p.productId, p]));
  return [...merged.entries()].map(([productId, quantity]) => {
    const p = byId.get(productId);
    return { productId, quantity, sku: p?.sku ?? "", active: p?.active ?? false, divisionId: p?.divisionId ?? "", seenUnitPriceFen: null, seenAvailable: null, service: p?.months != null };
  });
}

function checkLines(lines: WantedLine[]) {
  if (lines.length === 0) throw new ValidationError({ form: ["orders.errors.empty"] });
  if (lines.length > MAX_CART_LINES) throw new ValidationError({ form: ["orders.errors.tooManyLines"] });
  const errors: Record<string, string[]> = {};
  lines.forEach((l, i) => {
    if (!l.active) errors[`lines.${i}.productId`] = ["orders.errors.unsellable"];
    if (l.quantity > MAX_LINE_QUANTITY) errors[`lines.${i}.quantity`] = ["orders.errors.quantityTooLarge"];
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

const coveredOf = (covered: Record<string, string[]>, l: WantedLine) => (l.service ? (covered[l.productId] ?? []).map((s) => s.trim()).filter(Boolean) : []);

/**
 * Extended-warranty lines name the devices they cover, checked before anything is written; the
 * errors are keyed `coveredSerials.<productId>` like the checkout form's fields. Carts without a
 * service line (nearly all) pay nothing for this.
 */
async function checkServiceLines(tx: Transaction, organizationId: string, lines: WantedLine[], covered: Record<string, string[]>) {
  if (!lines.some((l) => l.service) && !Object.values(covered).some((s) => s.some((x) => x.trim()))) return;
  const errors = await checkCoveredSerials(tx, lines.map((l) => ({ productId: l.productId, quantity: l.quantity, coveredSerials: (covered[l.productId] ?? []).filter((s) => s.trim()) })), { organizationId });
  const byProduct: Record<string, string[]> = {};
  lines.forEach((l, i) => {
    const e = errors[`lines.${i}.coveredSerials`];
    if (e) byProduct[`coveredSerials.${l.productId}`] = e;
  });
  if (Object.keys(byProduct).length) throw new ValidationError(byProduct);
}

/** The same comparison the cart page makes (getCart): price now vs seen, availability shown now vs then. */
function cartChanges(
  lines: WantedLine[],
  prices: Map<string, { unitPriceFen: bigint; rule: string }>,
  stock: Map<string, number>,
  show: (n: number) => PartnerAvailability,
): CartChange[] {
  const changes: CartChange[] = [];
  for (const l of lines) {
    const unitPriceFen = prices.get(l.productId)!.unitPriceFen;
    const now = show(stock.get(l.productId) ?? 0);
    const seen = l.seenAvailable === null ? null : show(l.seenAvailable);
    // A special price is the one the buyer chose by naming its registration, not a change to confirm.
    const priceChanged = l.seenUnitPriceFen !== null && unitPriceFen !== l.seenUnitPriceFen && prices.get(l.productId)!.rule !== "special_price";
    const availabilityChanged = seen !== null && JSON.stringify(seen) !== JSON.stringify(now);
    if (priceChanged || availabilityChanged)
      changes.push({ productId: l.productId, sku: l.sku, seenUnitPriceFen: l.seenUnitPriceFen ?? unitPriceFen, unitPriceFen, seenAvailability: seen, availability: now, token: changeToken(l.productId, unitPriceFen, now) });
  }
  return changes;
}
