import type { DatabaseOrTransaction } from "@cs/db/client";
import { supplyRoutes } from "@cs/db/schema/orders";
import { seedUuid } from "./random";

/**
 * The demo master distributor MD-001 (login master@demo.cn) supplies its sub-tree for the server
 * division (SRV) from its own virtual stock (PV-MD-001 holds SA-PSU-1300 from the inventory seed),
 * so its agents' and dealers' server orders land in its "orders to fulfil". The other divisions
 * stay with the distributor, which keeps the demo dealer's everyday orders (peripherals, computing)
 * on our warehouses.
 */
export async function seedSupplyRoutes(tx: DatabaseOrTransaction) {
  await tx.insert(supplyRoutes).values({
    id: seedUuid("supply-route:MD-001:SRV"),
    supplierId: seedUuid("org:MD-001"),
    divisionId: seedUuid("division:SRV"),
  });
}
