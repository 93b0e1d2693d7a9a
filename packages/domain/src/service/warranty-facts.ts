import { and, eq, sql } from "drizzle-orm";
import { products, serviceSettings, warrantyContracts, type DatabaseOrTransaction } from "@cs/db";
import { shanghaiToday } from "../shared/dates";
import { decideWarranty, type WarrantyDecision, type WarrantyFacts } from "./warranty";

export async function shipmentGraceDays(db: DatabaseOrTransaction) {
  const [row] = await db.select({ days: serviceSettings.shipmentGraceDays }).from(serviceSettings).where(eq(serviceSettings.id, 1));
  return row?.days ?? 90;
}

/**
 * What our records say about one product × serial: the end customer's purchase date (a sell-out
 * report, else a registration with proof), the distributor's first shipment of the serial into
 * the channel, and any contracts. `known` is false when no record mentions the serial at all.
 */
export async function gatherWarrantyFacts(
  db: DatabaseOrTransaction,
  productId: string,
  serial: string,
  today = shanghaiToday(),
): Promise<{ facts: WarrantyFacts; known: boolean }> {
  const [row] = await db.execute<{
    warranty_months: number;
    sold_on: string | null;
    shipped_on: string | null;
    registered_on: string | null;
    serial_known: boolean;
  }>(sql`
    select p.warranty_months,
           (select to_char(sn.sold_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') from serial_numbers sn
             where sn.product_id = p.id and sn.serial = ${serial} and sn.status = 'sold' and sn.sold_at is not null) as sold_on,
           (select to_char(min(m.created_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')
              from serial_numbers sn join serial_moves sm on sm.serial_id = sn.id join stock_moves m on m.id = sm.move_id
             where sn.product_id = p.id and sn.serial = ${serial} and m.reason in ('shipment', 'call_off') and m.state = 'done') as shipped_on,
           -- whoever holds the device: a definer function, as the portal sees only its own devices (drizzle/0017)
           to_char(cs_registered_purchase_on(p.id, ${serial}), 'YYYY-MM-DD') as registered_on,
           exists (select 1 from serial_numbers sn where sn.product_id = p.id and sn.serial = ${serial}) as serial_known
      from ${products} p where p.id = ${productId}`);
  if (!row) throw new Error(`product ${productId} vanished`);
  const contracts = await db
    .select({ id: warrantyContracts.id, kind: warrantyContracts.kind, startsOn: warrantyContracts.startsOn, endsOn: warrantyContracts.endsOn })
    .from(warrantyContracts)
    .where(and(eq(warrantyContracts.productId, productId), eq(warrantyContracts.serial, serial)));
  const purchase = row.sold_on
    ? { on: row.sold_on, source: "sell_out" as const }
    : row.registered_on
      ? { on: row.registered_on, source: "registration" as const }
      : null;
  return {
    facts: { today, warrantyMonths: row.warranty_months, purchase, shippedOn: row.shipped_on, shipmentGraceDays: await shipmentGraceDays(db), contracts },
    known: row.serial_known || contracts.length > 0,
  };
}

/** The warranty decision for a serial now, with the reason to show at once. */
export async function checkWarranty(db: DatabaseOrTransaction, productId: string, serial: string, today?: string): Promise<WarrantyDecision> {
  const { facts } = await gatherWarrantyFacts(db, productId, serial, today);
  return decideWarranty(facts);
}
