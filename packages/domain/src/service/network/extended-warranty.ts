import { and, eq, isNull, sql } from "drizzle-orm";
import { auditLog, orderLines, products, serialNumbers, shipmentLines, shipments, warrantyContracts, type DatabaseOrTransaction, type Transaction } from "@cs/db";
import { ValidationError, type FieldErrors } from "../../shared/errors";
import { addDays, addMonths } from "../../shared/dates";
import { standardWarranty } from "../warranty";
import { gatherWarrantyFacts } from "../warranty-facts";

const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The device a covered serial belongs to: one stock serial of an ordinary (non-service) product. */
async function deviceOf(db: DatabaseOrTransaction, serial: string) {
  return db
    .select({ productId: serialNumbers.productId })
    .from(serialNumbers)
    .innerJoin(products, eq(products.id, serialNumbers.productId))
    .where(and(eq(serialNumbers.serial, serial), isNull(products.extendedWarrantyMonths)))
    .limit(2);
}

/**
 * The extension of one serial: it starts the day after the serial's coverage ends (its standard
 * warranty or an earlier extension), or on the shipment day when coverage has already lapsed or was
 * never known, and runs the product's months (last day = the day before the same date `months` later).
 */
export async function extensionPeriod(db: DatabaseOrTransaction, productId: string, serial: string, months: number, shippedOn: string) {
  const { facts } = await gatherWarrantyFacts(db, productId, serial, shippedOn);
  const ends = [standardWarranty(facts)?.endsOn, ...facts.contracts.map((c) => c.endsOn)].filter((d): d is string => !!d).sort();
  const coveredUntil = ends.at(-1);
  const startsOn = coveredUntil && coveredUntil >= shippedOn ? addDays(coveredUntil, 1) : shippedOn;
  return { startsOn, endsOn: addDays(addMonths(startsOn, months), -1) };
}

/**
 * Called in the shipment's transaction (docs/decisions/006): for every line of the shipment whose
 * product is an extended-warranty service product, the order line's covered serials get `extended`
 * contracts — as many serials as units of that line have shipped so far, so calling it again for
 * the same shipment creates nothing (unique order_line_id × serial). A shipped unit without a named
 * serial, a serial we never sold or one that matches several products refuses the shipment with a
 * translated error: no contract is ever written for a guessed device. Returns the contracts made.
 */
export async function createExtendedWarrantyContracts(tx: Transaction, shipment: string | { id: string }) {
  const shipmentId = typeof shipment === "string" ? shipment : shipment.id;
  const lines = await tx
    .select({
      orderLineId: shipmentLines.orderLineId,
      lineNo: orderLines.lineNo,
      months: products.extendedWarrantyMonths,
      coveredSerials: orderLines.coveredSerials,
      shippedAt: shipments.shippedAt,
      shippedBy: shipments.shippedBy,
      // every unit of this order line shipped so far, this shipment included
      shippedSoFar: sql<number>`(select coalesce(sum(sl.quantity), 0)::int from shipment_lines sl where sl.order_line_id = ${shipmentLines.orderLineId})`,
    })
    .from(shipmentLines)
    .innerJoin(shipments, eq(shipments.id, shipmentLines.shipmentId))
    .innerJoin(orderLines, eq(orderLines.id, shipmentLines.orderLineId))
    .innerJoin(products, eq(products.id, shipmentLines.productId))
    .where(and(eq(shipmentLines.shipmentId, shipmentId), sql`${products.extendedWarrantyMonths} is not null`));
  const created: (typeof warrantyContracts.$inferSelect)[] = [];
  const errors: FieldErrors = {};
  for (const line of lines) {
    const serials = line.coveredSerials.slice(0, line.shippedSoFar);
    if (serials.length < line.shippedSoFar) {
      errors[`lines.${line.lineNo}.coveredSerials`] = ["network.validation.coveredSerialsMissing"];
      continue;
    }
    const shippedOn = shanghaiDay(line.shippedAt);
    for (const serial of serials) {
      const devices = await deviceOf(tx, serial);
      if (devices.length !== 1) {
        errors[`lines.${line.lineNo}.coveredSerials`] = [devices.length ? "network.validation.coveredSerialAmbiguous" : "network.validation.coveredSerialUnknown"];
        break;
      }
      const productId = devices[0]!.productId;
      const [existing] = await tx
        .select({ id: warrantyContracts.id })
        .from(warrantyContracts)
        .where(and(eq(warrantyContracts.orderLineId, line.orderLineId), eq(warrantyContracts.serial, serial)));
      if (existing) continue;
      const period = await extensionPeriod(tx, productId, serial, line.months!, shippedOn);
      const [contract] = await tx
        .insert(warrantyContracts)
        .values({ productId, serial, kind: "extended", source: "extended_order", orderLineId: line.orderLineId, createdBy: line.shippedBy, ...period })
        .onConflictDoNothing()
        .returning();
      if (contract) created.push(contract);
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  if (created.length)
    await tx.insert(auditLog).values(
      created.map((c) => ({
        actorId: c.createdBy,
        action: "warranty.extend",
        entity: "warranty_contract",
        entityId: c.id,
        after: { serial: c.serial, startsOn: c.startsOn, endsOn: c.endsOn, orderLineId: c.orderLineId, shipmentId },
      })),
    );
  return created;
}

/**
 * Whether a device serial reached the buyer's channel: a shipment of it (a stock move with its
 * serial) went to the buyer or was sent by the buyer as the supplying master distributor, or the
 * unit sits in stock the buyer owns. A sell-out report later rewrites `sold_reference`, so the
 * ledger, not that column, is the record of who received the unit.
 */
async function reachedBuyer(db: DatabaseOrTransaction, serial: string, buyerId: string) {
  const [row] = await db.execute<{ ok: boolean }>(sql`
    select exists (
      select 1 from serial_numbers sn
        join products p on p.id = sn.product_id and p.extended_warranty_months is null
       where sn.serial = ${serial}
         and (sn.owner_id = ${buyerId}::uuid
              or exists (select 1 from serial_moves sm
                           join stock_moves m on m.id = sm.move_id and m.state = 'done' and m.reference_type = 'shipment'
                           join shipments s on s.number = m.reference_id
                          where sm.serial_id = sn.id and (s.organization_id = ${buyerId}::uuid or s.supplier_id = ${buyerId}::uuid)))
    ) as ok`);
  return !!row?.ok;
}

/**
 * Whether an extension already covers the serial: an extended contract that has not ended, or an
 * order line of a live order that names it and has not yet become its contract. One extension at a
 * time; a new one can be bought once the last has run out.
 */
async function alreadyExtended(db: DatabaseOrTransaction, serial: string, today: string) {
  const [row] = await db.execute<{ covered: boolean }>(sql`
    select exists (select 1 from warranty_contracts c where c.serial = ${serial} and c.kind = 'extended' and c.ends_on >= ${today}::date)
        -- other buyers' orders are hidden from the portal's role (row-level security): a definer function looks
        or cs_serial_extension_pending(${serial}::text) as covered`);
  return !!row?.covered;
}

/**
 * For checkout: each extended-warranty line must name one device serial per unit, each a device
 * we sold into the buyer's channel that no extension covers yet, none named twice in the order.
 * Returns field errors keyed by the line's index (empty when all is well); ordinary lines may not
 * name serials. Runs only when a line is a service product or names serials.
 */
export async function checkCoveredSerials(
  db: DatabaseOrTransaction,
  lines: { productId: string; quantity: number; coveredSerials: string[] }[],
  buyer: { organizationId: string; today?: string },
) {
  const errors: FieldErrors = {};
  const today = buyer.today ?? shanghaiDay(new Date());
  const named = new Set<string>();
  for (const [i, line] of lines.entries()) {
    const key = `lines.${i}.coveredSerials`;
    const [product] = await db.select({ months: products.extendedWarrantyMonths }).from(products).where(eq(products.id, line.productId));
    if (!product?.months) {
      if (line.coveredSerials.length) errors[key] = ["network.validation.notExtendedWarranty"];
      continue;
    }
    const serials = line.coveredSerials.map((s) => s.trim()).filter(Boolean);
    if (serials.length !== line.quantity || new Set(serials).size !== serials.length || serials.some((s) => named.has(s))) {
      errors[key] = ["network.validation.coveredSerialsMissing"];
      continue;
    }
    serials.forEach((s) => named.add(s));
    for (const serial of serials) {
      const found = await deviceOf(db, serial);
      const problem =
        found.length !== 1
          ? found.length
            ? "network.validation.coveredSerialAmbiguous"
            : "network.validation.coveredSerialUnknown"
          : !(await reachedBuyer(db, serial, buyer.organizationId))
            ? "network.validation.coveredSerialNotSold"
            : (await alreadyExtended(db, serial, today))
              ? "network.validation.coveredSerialCovered"
              : null;
      if (problem) {
        errors[key] = [problem];
        break;
      }
    }
  }
  return errors;
}
