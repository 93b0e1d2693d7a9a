import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { products, repairRequests, surveys, users, type Database, type RepairRequest } from "@cs/db";

/**
 * Test-only: repair requests inserted as rows in a given state (the workflow's own verbs are tested
 * by the service core). Nothing in the package imports this file.
 */
export async function customerOf(db: Database, login = "customer@demo.cn") {
  const [row] = await db.select({ endCustomerId: users.endCustomerId }).from(users).where(eq(users.login, login));
  if (!row?.endCustomerId) throw new Error(`${login} is not an end customer`);
  return row.endCustomerId;
}

export async function productBySku(db: Database, sku: string) {
  const [row] = await db.select().from(products).where(eq(products.sku, sku));
  if (!row) throw new Error(`no product ${sku}`);
  return row;
}

export async function anySerializedProduct(db: Database) {
  const [row] = await db.select().from(products).where(eq(products.serialized, true)).limit(1);
  if (!row) throw new Error("no serialized product");
  return row;
}

export async function insertRepairRequest(
  db: Database,
  { rating, ...values }: Partial<typeof repairRequests.$inferInsert> & { productId: string; endCustomerId: string; rating?: number },
): Promise<RepairRequest> {
  const now = new Date();
  const [row] = await db
    .insert(repairRequests)
    .values({
      number: `RMA-T-${randomUUID().slice(0, 8)}`,
      serial: `SN-${randomUUID().slice(0, 8)}`,
      symptoms: "开机无显示，电源灯闪烁",
      serviceMode: "drop_off",
      city: "北京",
      warrantyStatus: "in_warranty",
      warrantyReason: "service.warranty.inWarranty",
      responseDueAt: new Date(now.getTime() + 4 * 3600_000),
      resolutionDueAt: new Date(now.getTime() + 72 * 3600_000),
      slaDueAt: new Date(now.getTime() + 4 * 3600_000),
      ...values,
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  // a rating is the answer to the repair's survey (docs/decisions/038)
  if (rating !== undefined)
    await db.insert(surveys).values({
      kind: "repair",
      subjectId: row.id,
      endCustomerId: row.endCustomerId,
      organizationId: row.organizationId,
      repairRequestId: row.id,
      stationId: row.stationId,
      divisionId: row.divisionId,
      expiresAt: new Date(now.getTime() + 14 * 24 * 3600_000),
      score: rating,
      answeredAt: now,
    });
  return row;
}
