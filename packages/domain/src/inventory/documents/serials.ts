import { and, eq, inArray, isNull } from "drizzle-orm";
import { serialNumbers, type Transaction } from "@cs/db";
import { ValidationError } from "../../shared/errors";

/** New serials captured on receipt; one that already exists for the product is refused on its line. */
export async function receiveSerials(tx: Transaction, line: number, productId: string, serials: string[], locationId: string) {
  if (serials.length === 0) return [];
  const existing = await tx
    .select({ serial: serialNumbers.serial })
    .from(serialNumbers)
    .where(and(eq(serialNumbers.productId, productId), inArray(serialNumbers.serial, serials)));
  if (existing.length) throw new ValidationError({ [`lines.${line}.serials`]: ["stock.validation.serialExists"] });
  const rows = await tx
    .insert(serialNumbers)
    .values(serials.map((serial) => ({ productId, serial, status: "in_stock" as const, locationId })))
    .returning({ id: serialNumbers.id });
  return rows.map((r) => r.id);
}

/** Serials picked from a location must be there, in stock, and owned as the move says. */
export async function pickSerials(
  tx: Transaction,
  line: number,
  productId: string,
  serials: string[],
  fromLocationId: string,
  ownerId: string | null,
  status: "in_stock" | "in_transit" = "in_stock",
) {
  if (serials.length === 0) return [];
  const rows = await tx
    .select({ id: serialNumbers.id })
    .from(serialNumbers)
    .where(
      and(
        eq(serialNumbers.productId, productId),
        inArray(serialNumbers.serial, serials),
        eq(serialNumbers.locationId, fromLocationId),
        eq(serialNumbers.status, status),
        ownerId ? eq(serialNumbers.ownerId, ownerId) : isNull(serialNumbers.ownerId),
      ),
    )
    .for("update");
  if (rows.length !== serials.length) throw new ValidationError({ [`lines.${line}.serials`]: ["stock.validation.serialNotHere"] });
  return rows.map((r) => r.id);
}

export async function placeSerials(
  tx: Transaction,
  ids: string[],
  to: { status: "in_stock" | "in_transit" | "shipped" | "sold" | "scrapped"; locationId: string | null; soldAt?: Date; soldReference?: string },
) {
  if (ids.length === 0) return;
  await tx
    .update(serialNumbers)
    .set({ status: to.status, locationId: to.locationId, ...(to.soldAt ? { soldAt: to.soldAt, soldReference: to.soldReference ?? null } : {}) })
    .where(inArray(serialNumbers.id, ids));
}
