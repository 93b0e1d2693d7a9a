import { and, eq, sql } from "drizzle-orm";
import { products, stockLevels, type Database } from "@cs/db";
import { seedUuid } from "@cs/seed";
import { assignStation, resolveWarrantyCheck } from "@cs/domain/service/desk";
import { registerDevice } from "@cs/domain/service/devices";
import { fileRepairRequest } from "@cs/domain/service/file-request";
import { useParts } from "@cs/domain/service/parts";
import { approveQuote, recordDiagnosis, transitionRepair } from "@cs/domain/service/transition";
import type { UploadStore } from "@cs/domain/service/uploads";
import type { Ctx } from "@cs/domain/shared/context";
import { ctxOf, newKey } from "./demo";
import { locationIdOf } from "./inventory";

/**
 * Repair requests taken along the workflow by the people who do each step in the product (the
 * demo customer files, the desk settles the warranty and assigns RS-001, its technician works),
 * for the integration tests that need a request in a given state. Test-only: nothing in the
 * package imports this file.
 */

export const RS001 = seedUuid("org:RS-001");

/** The demo people of the service workflow: the desk, RS-001's admin and technician, the customer, a dealer. */
export type ServiceCast = { db: Database; desk: Ctx; station: Ctx; tech: Ctx; customer: Ctx; dealer: Ctx };

export async function serviceCast(db: Database): Promise<ServiceCast> {
  const [desk, station, tech, customer, dealer] = await Promise.all(
    ["service@demo.cn", "station@demo.cn", "tech@demo.cn", "customer@demo.cn", "dealer@demo.cn"].map((login) => ctxOf(db, login)),
  );
  return { db, desk: desk!, station: station!, tech: tech!, customer: customer!, dealer: dealer! };
}

/** A device the demo customer registers: a serial our records do not know, so its warranty is the desk's call. */
export async function customerDevice(cast: ServiceCast, store: UploadStore, serial: string) {
  const [notebook] = await cast.db.select({ id: products.id }).from(products).where(eq(products.serialized, true)).orderBy(products.sku).limit(1);
  return (await registerDevice(cast.customer, { _key: newKey(), serial, productId: notebook!.id, purchasedOn: "2026-05-01" }, [], store)).deviceId;
}

/** An unserialized spare part RS-001's parts store (SP-RS-001) holds with at least `free` units free. */
export async function stationPart(db: Database, free = 3) {
  const [level] = await db
    .select({ productId: stockLevels.productId })
    .from(stockLevels)
    .innerJoin(products, eq(products.id, stockLevels.productId))
    .where(and(eq(stockLevels.locationId, await locationIdOf(db, "SP-RS-001")), sql`${stockLevels.onHand} - ${stockLevels.reserved} >= ${free}`, eq(products.serialized, false)))
    .orderBy(products.sku)
    .limit(1);
  if (!level) throw new Error(`SP-RS-001 holds no unserialized part with ${free} free`);
  return level.productId;
}

/** How far `repairAt` takes a request: filed and assigned to RS-001, in diagnosis, repaired and ready, or closed by the customer. */
export type RepairStage = "assigned" | "diagnosing" | "ready" | "closed";

/**
 * A new request of the demo customer on `deviceId`, assigned to RS-001 and moved on to `stage`.
 * `inWarranty` has the desk settle the unknown serial as in warranty first (the repair is then
 * free, as a claim needs); otherwise the station quotes and the customer approves before the repair.
 * `partId` is used (one unit) while diagnosing.
 */
export async function repairAt(cast: ServiceCast, store: UploadStore, deviceId: string, stage: RepairStage, options: { inWarranty?: boolean; partId?: string } = {}) {
  const { tech } = cast;
  const { requestId } = await fileRepairRequest(cast.customer, { _key: newKey(), deviceId, symptoms: "运行大型软件时自动关机", serviceMode: "drop_off", city: "北京" }, [], store);
  if (options.inWarranty) await resolveWarrantyCheck(cast.desk, { _key: newKey(), requestId, warrantyStatus: "in_warranty", comment: "购机发票核实无误" });
  await assignStation(cast.desk, { _key: newKey(), requestId, stationId: RS001 });
  if (stage === "assigned") return requestId;
  for (const to of ["accepted", "received", "diagnosing"] as const) await transitionRepair(tech, { _key: newKey(), requestId, to });
  if (options.partId) await useParts(tech, { _key: newKey(), requestId, productId: options.partId, quantity: 1 });
  if (stage === "diagnosing") return requestId;
  await recordDiagnosis(tech, { _key: newKey(), requestId, diagnosis: "散热模组积灰，清洁并更换硅脂", ...(options.inWarranty ? {} : { quoteYuan: "150" }) });
  if (!options.inWarranty) await approveQuote(cast.customer, { _key: newKey(), requestId });
  for (const to of ["repairing", "ready"] as const) await transitionRepair(tech, { _key: newKey(), requestId, to });
  if (stage === "ready") return requestId;
  await transitionRepair(tech, { _key: newKey(), requestId, to: "returned" });
  await transitionRepair(cast.customer, { _key: newKey(), requestId, to: "closed" });
  return requestId;
}
