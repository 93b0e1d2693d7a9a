import { and, desc, eq, sql } from "drizzle-orm";
import { devices, products, serialNumbers } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ForbiddenError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { registerDeviceInput } from "./inputs";
import { checkImages, storeFiles, type UploadedFile, type UploadStore } from "./uploads";
import { checkWarranty } from "./warranty-facts";
import { shanghaiToday } from "../shared/dates";

/** The signed-in end customer's id, or a refusal: devices belong to end customers. */
export function customerIdOf(ctx: Ctx) {
  authorize(ctx.actor, "own_service:file");
  if (ctx.actor.kind !== "customer" || !ctx.actor.endCustomerId) throw new ForbiddenError("own_service:file");
  return ctx.actor.endCustomerId;
}

/**
 * An end customer registers a serial (purchase date and proof optional). The serial is checked
 * against our records: known → verified; unknown → flagged for the desk (the product must then be
 * named). A serial actively registered to another customer is refused. Once per `_key`.
 */
export async function registerDevice(ctx: Ctx, raw: unknown, proof: UploadedFile[], store: UploadStore) {
  const endCustomerId = customerIdOf(ctx);
  const input = parseInput(registerDeviceInput, raw);
  if (input.purchasedOn && input.purchasedOn > shanghaiToday()) throw new ValidationError({ purchasedOn: ["service.validation.futureDate"] });
  if (input.productId && !isUuid(input.productId)) throw new ValidationError({ productId: ["validation.invalid"] });
  const [file] = checkImages(proof, "proof", 1);
  if (file && !input.purchasedOn) throw new ValidationError({ purchasedOn: ["service.validation.purchaseDateWithProof"] });

  const known = await ctx.db
    .select({ productId: serialNumbers.productId })
    .from(serialNumbers)
    .where(and(eq(serialNumbers.serial, input.serial), input.productId ? eq(serialNumbers.productId, input.productId) : undefined));
  if (known.length > 1) throw new ValidationError({ productId: ["service.validation.productNeeded"] });
  const productId = known[0]?.productId ?? input.productId;
  if (!productId) throw new ValidationError({ productId: ["service.validation.unknownSerialNeedsProduct"] });
  const [product] = await ctx.db.select({ id: products.id }).from(products).where(and(eq(products.id, productId), eq(products.active, true)));
  if (!product) throw new ValidationError({ productId: ["validation.invalid"] });

  const files = file ? await storeFiles(store, `devices/${endCustomerId}`, [file]) : null;
  try {
    const { result, replayed } = await inTransaction(ctx, (tx) =>
      once(tx, ctx.actor, keyOf(raw), { ...input, proof: file?.bytes.length ?? 0 }, async () => {
        // the lock makes two registrations of the same serial at once queue up; the partial unique index is the backstop
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`device:${productId}:${input.serial}`}))`);
        // another customer's device is not visible to this one (row-level security): a definer function answers for it
        const [elsewhere] = await tx.execute<{ taken: boolean }>(sql`select cs_serial_registered_elsewhere(${productId}::uuid, ${input.serial}, ${endCustomerId}::uuid) as taken`);
        if (elsewhere?.taken) throw new ValidationError({ serial: ["service.validation.serialRegisteredElsewhere"] }, "service.validation.serialRegisteredElsewhere");
        const [taken] = await tx
          .select({ id: devices.id })
          .from(devices)
          .where(and(eq(devices.productId, productId), eq(devices.serial, input.serial), eq(devices.active, true), eq(devices.endCustomerId, endCustomerId)));
        if (taken) throw new ValidationError({ serial: ["service.validation.alreadyRegistered"] }, "service.validation.alreadyRegistered");
        const verified = known.length === 1;
        const stored = files?.stored[0];
        const [device] = await tx
          .insert(devices)
          .values({
            productId,
            serial: input.serial,
            endCustomerId,
            purchasedOn: input.purchasedOn ?? null,
            proofPath: stored?.storedPath ?? null,
            proofMime: stored?.mime ?? null,
            proofSize: stored?.sizeBytes ?? null,
            status: verified ? "verified" : "flagged",
            statusReason: verified ? null : "service.devices.reasons.unknownSerial",
            registeredBy: ctx.actor.userId,
          })
          .returning();
        await recordAudit(tx, ctx.actor, { action: "device.register", entity: "device", entityId: device!.id, after: { productId, serial: input.serial, status: device!.status, purchasedOn: input.purchasedOn ?? null, proof: !!stored } });
        const warranty = await checkWarranty(tx, productId, input.serial);
        return { deviceId: device!.id, status: device!.status, warrantyStatus: warranty.status, warrantyReason: warranty.reason };
      }),
    );
    if (replayed) await files?.discard();
    return result;
  } catch (e) {
    await files?.discard();
    throw e;
  }
}

/** The customer's active devices with their warranty as of today. */
export async function listMyDevices(ctx: Ctx) {
  const endCustomerId = customerIdOf(ctx);
  const rows = await ctx.db
    .select({
      id: devices.id,
      productId: devices.productId,
      serial: devices.serial,
      purchasedOn: devices.purchasedOn,
      status: devices.status,
      statusReason: devices.statusReason,
      hasProof: sql<boolean>`${devices.proofPath} is not null`,
      createdAt: devices.createdAt,
      sku: products.sku,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
    })
    .from(devices)
    .innerJoin(products, eq(products.id, devices.productId))
    .where(and(eq(devices.endCustomerId, endCustomerId), eq(devices.active, true)))
    .orderBy(desc(devices.createdAt))
    .limit(200);
  return Promise.all(rows.map(async (r) => ({ ...r, warranty: await checkWarranty(ctx.db, r.productId, r.serial) })));
}

/** Serialized, active products a device can be (for the registration and filing forms). */
export async function listDeviceProducts(ctx: Ctx) {
  authorize(ctx.actor, "own_service:file");
  return ctx.db
    .select({ id: products.id, sku: products.sku, nameZh: products.nameZh, nameEn: products.nameEn })
    .from(products)
    .where(and(eq(products.active, true), eq(products.serialized, true)))
    .orderBy(products.sku)
    .limit(1000);
}
