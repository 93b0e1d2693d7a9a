import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { addresses, serialNumbers, stockLevels, stockLocations, stockReservations, type Transaction } from "@cs/db";
import { authorize } from "../../access/authorize";
import { recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { ConflictError, ForbiddenError, ValidationError } from "../../shared/errors";
import { keyOf, once } from "../../shared/idempotency";
import { isUuid, parseInput } from "../../shared/parse";
import { applyMoves, type StockMoveInput } from "../ledger";
import { release, type Reference } from "../reservation";
import { findDocument, insertDocument, linesInput, resolveLines, setStatus, systemLocation, type ResolvedLine } from "./common";
import { serializedSet } from "./receipts";
import { pickSerials, placeSerials } from "./serials";
import { shanghaiNoon, shanghaiToday } from "../../shared/dates";

function ownOrganization(ctx: Ctx) {
  if (ctx.actor.kind !== "partner" || !ctx.actor.organizationId) throw new ForbiddenError("own stock");
  return ctx.actor.organizationId;
}

/** The partner's own location of a kind (virtual stock held by us, or consignment at its premises). */
async function partnerLocation(tx: Transaction, organizationId: string, kind: "partner_virtual" | "partner_consignment") {
  const [row] = await tx
    .select()
    .from(stockLocations)
    .where(and(eq(stockLocations.organizationId, organizationId), eq(stockLocations.kind, kind), eq(stockLocations.active, true)))
    .limit(1);
  if (!row) throw new ValidationError({ lines: ["stock.validation.noPartnerStock"] });
  return row;
}

/** Each line must fit what the partner owns there now (per line errors, nothing written otherwise). */
async function assertOwned(tx: Transaction, organizationId: string, locationId: string, lines: ResolvedLine[]) {
  const held = await tx
    .select({ productId: stockLevels.productId, free: sql<number>`(${stockLevels.onHand} - ${stockLevels.reserved})::int` })
    .from(stockLevels)
    .where(and(eq(stockLevels.locationId, locationId), eq(stockLevels.ownerId, organizationId), inArray(stockLevels.productId, lines.map((l) => l.productId))));
  const free = new Map(held.map((h) => [h.productId, Number(h.free)]));
  const asked = new Map<string, number>();
  const errors: Record<string, string[]> = {};
  lines.forEach((l, i) => {
    asked.set(l.productId, (asked.get(l.productId) ?? 0) + l.quantity);
    if (asked.get(l.productId)! > (free.get(l.productId) ?? 0)) errors[`lines.${i}.quantity`] = ["stock.validation.moreThanOwned"];
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/**
 * Holds the partner's own units for a pending call-off (reserved on its level, with a reservation
 * row), so two requests cannot promise the same goods. Levels are touched in product order.
 */
async function holdPartnerStock(tx: Transaction, ref: Reference, locationId: string, ownerId: string, lines: ResolvedLine[]) {
  const wanted = new Map<string, number>();
  for (const l of lines) wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.quantity);
  for (const [productId, quantity] of [...wanted.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const held = await tx.execute(sql`
      update stock_levels set reserved = reserved + ${quantity}, updated_at = now()
       where location_id = ${locationId} and owner_id = ${ownerId} and product_id = ${productId} and on_hand - reserved >= ${quantity}
      returning 1`);
    const line = lines.findIndex((l) => l.productId === productId);
    if (held.length === 0) throw new ValidationError({ [`lines.${line}.quantity`]: ["stock.validation.moreThanOwned"] });
    await tx.insert(stockReservations).values({ ...ref, productId, locationId, ownerId, quantity });
  }
}

export const callOffInput = z.object({
  addressId: z.string(),
  requestedDate: z.iso.date({ error: "validation.date" }).optional(),
  note: z.string().trim().max(500).optional(),
  lines: linesInput,
});

/** A partner asks for delivery of goods it owns in our care (virtual stock) to one of its addresses. */
export async function requestCallOff(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "own_stock:call_off");
  const organizationId = ownOrganization(ctx);
  const input = parseInput(callOffInput, raw);
  return inTransaction(ctx, async (tx) => {
    const [address] = isUuid(input.addressId)
      ? await tx.select().from(addresses).where(and(eq(addresses.id, input.addressId), eq(addresses.organizationId, organizationId)))
      : [];
    if (!address) throw new ValidationError({ addressId: ["validation.required"] });
    const from = await partnerLocation(tx, organizationId, "partner_virtual");
    const lines = await resolveLines(tx, input.lines, { serialsRequired: false });
    await assertOwned(tx, organizationId, from.id, lines);
    const customer = await systemLocation(tx, "customer");
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const doc = await insertDocument(
        tx,
        ctx.actor,
        {
          kind: "call_off",
          status: "requested",
          organizationId,
          fromLocationId: from.id,
          toLocationId: customer.id,
          reason: input.requestedDate ?? null,
          note: input.note ?? null,
          deliveryAddress: { label: address.label, recipient: address.recipient, phone: address.phone, province: address.province, city: address.city, district: address.district, line: address.line },
        },
        lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
      );
      await holdPartnerStock(tx, { referenceType: "stock_document", referenceId: doc.number }, from.id, organizationId, lines);
      await recordAudit(tx, ctx.actor, { action: "call_off.request", entity: "stock_document", entityId: doc.id, after: { number: doc.number, lines: input.lines } });
      return { id: doc.id };
    });
    return result;
  });
}

/** The partner withdraws a request nobody has acted on yet. */
export async function cancelCallOff(ctx: Ctx, id: string) {
  authorize(ctx.actor, "own_stock:call_off");
  return inTransaction(ctx, async (tx, tctx) => {
    const { doc } = await findDocument(tctx, id, { kind: "call_off", forUpdate: true });
    if (doc.status === "cancelled") return { status: doc.status };
    if (doc.status !== "requested") throw new ConflictError("stock.validation.documentClosed");
    await setStatus(tx, doc.id, "cancelled");
    await release(tx, { referenceType: "stock_document", referenceId: doc.number });
    await recordAudit(tx, ctx.actor, { action: "call_off.cancel", entity: "stock_document", entityId: doc.id });
    return { status: "cancelled" };
  });
}

async function oldestSerials(tx: Transaction, line: number, productId: string, quantity: number, locationId: string, ownerId: string) {
  const rows = await tx
    .select({ id: serialNumbers.id })
    .from(serialNumbers)
    .where(and(eq(serialNumbers.productId, productId), eq(serialNumbers.locationId, locationId), eq(serialNumbers.ownerId, ownerId), eq(serialNumbers.status, "in_stock")))
    .orderBy(asc(serialNumbers.receivedAt), asc(serialNumbers.serial))
    .limit(quantity)
    .for("update");
  if (rows.length < quantity) throw new ValidationError({ [`lines.${line}.serials`]: ["stock.validation.serialNotHere"] });
  return rows.map((r) => r.id);
}

/** Staff decide: approve (then ship) or reject with a reason. Repeating a decision is a no-op. */
export async function decideCallOff(ctx: Ctx, id: string, raw: unknown) {
  authorize(ctx.actor, "stock:move");
  const input = parseInput(z.object({ decision: z.enum(["approve", "reject"]), comment: z.string().trim().max(500).optional() }), raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const { doc } = await findDocument(tctx, id, { kind: "call_off", forUpdate: true });
    const target = input.decision === "approve" ? "approved" : "rejected";
    if (doc.status === target) return { status: doc.status };
    if (doc.status !== "requested") throw new ConflictError("stock.validation.documentClosed");
    if (target === "rejected" && !input.comment) throw new ValidationError({ comment: ["validation.required"] });
    await setStatus(tx, doc.id, target, { approvedBy: ctx.actor.userId, ...(input.comment ? { note: [doc.note, input.comment].filter(Boolean).join(" / ") } : {}) });
    if (target === "rejected") await release(tx, { referenceType: "stock_document", referenceId: doc.number });
    await recordAudit(tx, ctx.actor, { action: `call_off.${input.decision}`, entity: "stock_document", entityId: doc.id, after: input });
    return { status: target };
  });
}

/** Ships an approved call-off: the partner's goods leave its virtual stock for the customer. */
export async function shipCallOff(ctx: Ctx, id: string) {
  authorize(ctx.actor, "stock:move");
  return inTransaction(ctx, async (tx, tctx) => {
    const { doc, lines } = await findDocument(tctx, id, { kind: "call_off", forUpdate: true });
    if (doc.status === "shipped") return { status: doc.status };
    if (doc.status !== "approved") throw new ConflictError("stock.validation.notApproved");
    // The units held since the request leave now; the hold goes with them.
    await tx.execute(sql`delete from stock_reservations where reference_type = 'stock_document' and reference_id = ${doc.number}`);
    const serialized = await serializedSet(tx, lines.map((l) => l.productId));
    const moves: StockMoveInput[] = [];
    for (const [i, l] of lines.entries()) {
      // Virtual stock sits on our shelves: the warehouse ships the oldest units first.
      const serialIds = serialized.has(l.productId) ? await oldestSerials(tx, i, l.productId, l.quantity, doc.fromLocationId!, doc.organizationId!) : [];
      await placeSerials(tx, serialIds, { status: "shipped", locationId: doc.toLocationId });
      moves.push({
        productId: l.productId,
        quantity: l.quantity,
        fromLocationId: doc.fromLocationId!,
        toLocationId: doc.toLocationId!,
        ownerId: doc.organizationId,
        reason: "call_off",
        referenceType: "stock_document",
        referenceId: doc.number,
        serialIds,
        fromReserved: true,
      });
    }
    await applyMoves(tx, ctx.actor, moves);
    await setStatus(tx, doc.id, "shipped");
    await recordAudit(tx, ctx.actor, { action: "call_off.ship", entity: "stock_document", entityId: doc.id });
    return { status: "shipped" };
  });
}

export const sellOutInput = z.object({
  soldOn: z.iso.date({ error: "validation.date" }),
  customerName: z.string().trim().max(100).optional(),
  lines: linesInput,
});

/**
 * A partner reports consignment units sold to end customers: they leave its consignment stock, and
 * serialized units record the sale date (the warranty starts from it).
 */
export async function reportSellOut(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "own_stock:sell_out");
  const organizationId = ownOrganization(ctx);
  const input = parseInput(sellOutInput, raw);
  const today = shanghaiToday();
  if (input.soldOn > today) throw new ValidationError({ soldOn: ["stock.validation.futureDate"] });
  return inTransaction(ctx, async (tx) => {
    const from = await partnerLocation(tx, organizationId, "partner_consignment");
    const lines = await resolveLines(tx, input.lines, { serialsRequired: true });
    await assertOwned(tx, organizationId, from.id, lines);
    const customer = await systemLocation(tx, "customer");
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const doc = await insertDocument(
        tx,
        ctx.actor,
        { kind: "sell_out", status: "posted", organizationId, fromLocationId: from.id, toLocationId: customer.id, reason: input.soldOn, note: input.customerName ?? null },
        lines.map((l) => ({ productId: l.productId, quantity: l.quantity, serials: l.serials })),
      );
      const moves: StockMoveInput[] = [];
      for (const [i, l] of lines.entries()) {
        const serialIds = await pickSerials(tx, i, l.productId, l.serials, from.id, organizationId);
        await placeSerials(tx, serialIds, { status: "sold", locationId: customer.id, soldAt: shanghaiNoon(input.soldOn), soldReference: doc.number });
        moves.push({ productId: l.productId, quantity: l.quantity, fromLocationId: from.id, toLocationId: customer.id, ownerId: organizationId, reason: "sell_out", referenceType: "stock_document", referenceId: doc.number, serialIds });
      }
      await applyMoves(tx, ctx.actor, moves);
      await recordAudit(tx, ctx.actor, { action: "sell_out.report", entity: "stock_document", entityId: doc.id, after: { number: doc.number, lines: input.lines, soldOn: input.soldOn } });
      return { id: doc.id };
    });
    return result;
  });
}
