import { and, asc, desc, eq, like, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { orderLines, orders, products, warrantyContracts, warrantyKinds, warrantySources } from "@cs/db";
import { authorize } from "../../access/authorize";
import type { Ctx } from "../../shared/context";
import { listQuerySchema, type Page } from "../../shared/list-query";
import { shanghaiToday } from "../../shared/dates";

export const warrantySortKeys = ["serial", "startsOn", "endsOn", "createdAt"] as const;
export const warrantyListQuery = listQuerySchema(warrantySortKeys, "createdAt").extend({
  /** A serial, or its beginning: served by the serial's btree index (C collation). */
  serial: z.string().trim().max(64).optional().catch(undefined).transform((v) => v || undefined),
  kind: z.enum(warrantyKinds).optional().catch(undefined),
  source: z.enum(warrantySources).optional().catch(undefined),
  /** Only contracts covering today. */
  current: z.preprocess((v) => v === "1" || v === "on" || v === true, z.boolean()).catch(false),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});
export type WarrantyListQuery = z.output<typeof warrantyListQuery>;

const w = warrantyContracts;
const sortColumns = { serial: w.serial, startsOn: w.startsOn, endsOn: w.endsOn, createdAt: w.createdAt };

function filters(q: WarrantyListQuery, today: string): SQL | undefined {
  return and(
    q.serial ? like(w.serial, `${q.serial.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    q.kind ? eq(w.kind, q.kind) : undefined,
    q.source ? eq(w.source, q.source) : undefined,
    q.current ? sql`${w.startsOn} <= ${today}::date and ${w.endsOn} >= ${today}::date` : undefined,
  );
}

/** Warranty contracts (standard ones on record and extended ones sold), searched by serial, paged in SQL. */
export async function listWarrantyContracts(ctx: Ctx, q: WarrantyListQuery, today = shanghaiToday()): Promise<Page<WarrantyContractRow>> {
  authorize(ctx.actor, "service:read");
  const where = filters(q, today);
  const order = q.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: w.id,
        serial: w.serial,
        kind: w.kind,
        source: w.source,
        startsOn: w.startsOn,
        endsOn: w.endsOn,
        createdAt: w.createdAt,
        sku: products.sku,
        productZh: products.nameZh,
        productEn: products.nameEn,
        orderNumber: orders.number,
        current: sql<boolean>`${w.startsOn} <= ${today}::date and ${w.endsOn} >= ${today}::date`,
      })
      .from(w)
      .innerJoin(products, eq(products.id, w.productId))
      .leftJoin(orderLines, eq(orderLines.id, w.orderLineId))
      .leftJoin(orders, eq(orders.id, orderLines.orderId))
      .where(where)
      .orderBy(order(sortColumns[q.sort]), desc(w.id))
      .limit(q.size)
      .offset((q.page - 1) * q.size),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(w).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: q.page, size: q.size };
}

export type WarrantyContractRow = {
  id: string;
  serial: string;
  kind: (typeof w.$inferSelect)["kind"];
  source: (typeof w.$inferSelect)["source"];
  startsOn: string;
  endsOn: string;
  createdAt: Date;
  sku: string;
  productZh: string;
  productEn: string;
  orderNumber: string | null;
  current: boolean;
};
