import { and, eq } from "drizzle-orm";
import { devices, endCustomers, productLines, products, repairAttachments, repairRequests, repairStations, serviceSettings, type DatabaseOrTransaction } from "@cs/db";
import { authorize } from "../access/authorize";
import type { Actor } from "../access/actor";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { nextDocumentNumber } from "../shared/document-number";
import { ForbiddenError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { recordRepairEvent } from "./events";
import { fileRepairRequestInput } from "./inputs";
import { loadBusinessCalendar } from "./calendar/load";
import { currentSlaDue, slaDueDates, slaPolicyFrom } from "./sla";
import { checkImages, storeFiles, type UploadedFile, type UploadStore } from "./uploads";
import { checkWarranty } from "./warranty-facts";
import { shanghaiYear } from "../shared/dates";

type Filer = { kind: "customer"; endCustomerId: string } | { kind: "dealer"; organizationId: string };

function filerOf(actor: Actor): Filer {
  authorize(actor, "own_service:file");
  if (actor.kind === "customer" && actor.endCustomerId) return { kind: "customer", endCustomerId: actor.endCustomerId };
  if (actor.kind === "partner" && actor.organizationId) return { kind: "dealer", organizationId: actor.organizationId };
  throw new ForbiddenError("own_service:file");
}

/** The device being repaired: a registered one of the customer, or product + serial as typed. */
async function deviceOf(db: DatabaseOrTransaction, filer: Filer, input: { deviceId: string | null; productId: string | null; serial?: string | undefined }) {
  if (input.deviceId) {
    if (filer.kind !== "customer" || !isUuid(input.deviceId)) throw new ValidationError({ deviceId: ["validation.invalid"] });
    const [d] = await db
      .select({ id: devices.id, productId: devices.productId, serial: devices.serial })
      .from(devices)
      .where(and(eq(devices.id, input.deviceId), eq(devices.endCustomerId, filer.endCustomerId), eq(devices.active, true)));
    if (!d) throw new ValidationError({ deviceId: ["validation.invalid"] });
    return d;
  }
  if (!input.productId || !isUuid(input.productId) || !input.serial) throw new ValidationError({ productId: ["validation.invalid"] });
  const [registered] = await db
    .select({ id: devices.id, endCustomerId: devices.endCustomerId })
    .from(devices)
    .where(and(eq(devices.productId, input.productId), eq(devices.serial, input.serial), eq(devices.active, true)));
  if (registered && filer.kind === "customer" && registered.endCustomerId !== filer.endCustomerId)
    throw new ValidationError({ serial: ["service.validation.serialRegisteredElsewhere"] }, "service.validation.serialRegisteredElsewhere");
  return { id: registered && filer.kind === "customer" ? registered.id : null, productId: input.productId, serial: input.serial };
}

/**
 * A customer (or a dealer for its customer) files a repair request: device, symptoms, up to five
 * photos, pickup or drop-off, city and an optional preferred station. The warranty is decided at
 * once from our records (an unknown serial is accepted and flagged for a manual check), the SLA
 * clocks start, and the request waits for the desk to assign a station. Once per `_key`.
 */
export async function fileRepairRequest(ctx: Ctx, raw: unknown, photos: UploadedFile[], store: UploadStore) {
  const filer = filerOf(ctx.actor);
  const input = parseInput(fileRepairRequestInput, raw);
  if (filer.kind === "dealer" && (!input.customerName || !input.customerMobile))
    throw new ValidationError({ customerName: input.customerName ? [] : ["validation.required"], customerMobile: input.customerMobile ? [] : ["validation.required"] });
  const checked = checkImages(photos, "photos");
  const device = await deviceOf(ctx.db, filer, input);
  const [product] = await ctx.db
    .select({ id: products.id, divisionId: productLines.divisionId })
    .from(products)
    .innerJoin(productLines, eq(productLines.id, products.productLineId))
    .where(and(eq(products.id, device.productId), eq(products.active, true)));
  if (!product) throw new ValidationError({ productId: ["validation.invalid"] });
  if (input.preferredStationId) {
    const [station] = isUuid(input.preferredStationId)
      ? await ctx.db.select({ id: repairStations.organizationId }).from(repairStations).where(and(eq(repairStations.organizationId, input.preferredStationId), eq(repairStations.active, true)))
      : [];
    if (!station) throw new ValidationError({ preferredStationId: ["validation.invalid"] });
  }

  const calendar = await loadBusinessCalendar(ctx.db);
  const files = checked.length ? await storeFiles(store, "repairs", checked) : null;
  try {
    const { result, replayed } = await inTransaction(ctx, (tx) =>
      once(tx, ctx.actor, keyOf(raw), { ...input, photos: checked.map((f) => f.bytes.length) }, async () => {
        const endCustomerId = filer.kind === "customer" ? filer.endCustomerId : await findOrCreateCustomer(tx, input.customerName!, input.customerMobile!, input.city);
        const warranty = await checkWarranty(tx, device.productId, device.serial);
        const [settings] = await tx.select({ slaPolicy: serviceSettings.slaPolicy }).from(serviceSettings).where(eq(serviceSettings.id, 1));
        const filedAt = new Date();
        const due = slaDueDates(filedAt, "normal", slaPolicyFrom(settings?.slaPolicy), calendar);
        const number = await nextDocumentNumber(tx, "RMA", shanghaiYear(filedAt));
        const [created] = await tx
          .insert(repairRequests)
          .values({
            number,
            endCustomerId,
            organizationId: filer.kind === "dealer" ? filer.organizationId : null,
            filedBy: ctx.actor.userId,
            deviceId: device.id,
            productId: device.productId,
            serial: device.serial,
            divisionId: product.divisionId,
            symptoms: input.symptoms,
            serviceMode: input.serviceMode,
            city: input.city,
            pickupAddress: input.serviceMode === "pickup" ? input.pickupAddress : null,
            contactPhone: input.contactPhone ?? input.customerMobile,
            preferredStationId: input.preferredStationId,
            priority: "normal",
            warrantyStatus: warranty.status,
            warrantyReason: warranty.reason,
            warrantyDetails: { startsOn: warranty.startsOn, endsOn: warranty.endsOn, source: warranty.source },
            warrantyContractId: warranty.contractId,
            warrantyEndsOn: warranty.endsOn,
            needsManualCheck: warranty.needsManualCheck,
            status: "submitted",
            ...due,
            slaDueAt: currentSlaDue("submitted", due),
            createdAt: filedAt,
            updatedAt: filedAt,
          })
          .returning({ id: repairRequests.id });
        const id = created!.id;
        if (files) await tx.insert(repairAttachments).values(files.stored.map((f) => ({ requestId: id, ...f, uploadedBy: ctx.actor.userId })));
        await recordRepairEvent(tx, { requestId: id, action: "filed", toStatus: "submitted", actorId: ctx.actor.userId, details: { warrantyStatus: warranty.status, warrantyReason: warranty.reason } });
        await recordAudit(tx, ctx.actor, {
          action: "repair.file",
          entity: "repair_request",
          entityId: id,
          after: { number, productId: device.productId, serial: device.serial, warranty: warranty.status, photos: files?.stored.length ?? 0 },
        });
        return { requestId: id, number, warrantyStatus: warranty.status, warrantyReason: warranty.reason, needsManualCheck: warranty.needsManualCheck };
      }),
    );
    if (replayed) await files?.discard();
    return result;
  } catch (e) {
    await files?.discard();
    throw e;
  }
}

async function findOrCreateCustomer(db: DatabaseOrTransaction, name: string, mobile: string, city: string) {
  const [existing] = await db.select({ id: endCustomers.id }).from(endCustomers).where(eq(endCustomers.mobile, mobile)).limit(1);
  if (existing) return existing.id;
  const [created] = await db.insert(endCustomers).values({ name, mobile, city }).returning({ id: endCustomers.id });
  return created!.id;
}
