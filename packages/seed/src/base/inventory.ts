import type { DatabaseOrTransaction } from "@cs/db/client";
import { DISTRIBUTOR_OWNER, reorderPoints, serialMoves, serialNumbers, stockLevels, stockLocations, stockMoves } from "@cs/db/schema/inventory";
import type { NewOrganization } from "@cs/db/schema/organizations";
import type { products } from "@cs/db/schema/products";
import { BRANCHES } from "./data";
import { createSeedLedger, type SeedLevel, type SeedMove } from "./inventory-ledger";
import {
  branchWarehouse,
  CENTRAL_WAREHOUSE,
  consignmentLocation,
  fixedLocations,
  stationPartsLocation,
  stockLocationId,
  SUPPLIER,
  TRANSIT,
  virtualStockLocation,
  type SeedLocation,
} from "./inventory-locations";
import { createRandom, DEMO_SEED, deriveSeed, seedUuid, type Random } from "./random";
import { CHUNK, insertChunked } from "./util";
import { valueSeededStock } from "./valuation";

export type InventorySource = { organizations: readonly NewOrganization[]; products: readonly (typeof products.$inferInsert)[] };

export type InventoryData = {
  locations: SeedLocation[];
  moves: SeedMove[];
  levels: SeedLevel[];
  serials: { id: string; productId: string; serial: string; locationId: string; ownerId: string | null; receivedInMove: number }[];
  reorderPoints: { locationId: string; productId: string; minimum: number }[];
};

/** Partners whose users sign in to the demo: they always get virtual stock to look at. */
const SHOWCASE_PARTNERS = ["DL-0001", "DL-0002", "AG-001", "MD-001"];
/** Lines whose unserialized products a repair station keeps as spare parts. */
const PARTS_LINES = new Set(["SA", "KM", "CB", "TN"].map((code) => seedUuid(`product-line:${code}`)));
const SERIAL_PREFIXES = ["5CG", "CND", "PF3", "SGH", "21K", "CN0", "MXQ", "2M2"] as const;
const seed = { referenceType: "seed", referenceId: "demo" } as const;

/** Units of a product a warehouse starts with: none in some places, so 紧张 and 无货 show up. */
function warehouseQuantity(rand: Random, serialized: boolean, central: boolean): number {
  if (serialized) return central ? (rand.chance(0.08) ? 0 : rand.int(2, 12)) : rand.chance(0.35) ? 0 : rand.int(1, 6);
  if (central) return rand.chance(0.08) ? 0 : rand.int(5, 40) * 10;
  return rand.weighted([[0, 15], [rand.int(1, 9), 20], [rand.int(2, 20) * 10, 65]] as const);
}

const partnerQuantity = (rand: Random, serialized: boolean) => (serialized ? rand.int(1, 3) : rand.int(1, 6) * 5);

/**
 * The demo's stock, pure and deterministic: locations, a ledger of done moves that explains every
 * balance (supplier receipts, transfers through transit, partners' goods held for them, virtual,
 * consignment and station-parts stock), the levels those moves add up to, a serial per unit of
 * serialized products, and reorder points for the branch warehouses.
 */
export function buildInventoryData(source: InventorySource): InventoryData {
  const rand = createRandom(deriveSeed(DEMO_SEED, "inventory"));
  const orgs = source.organizations;
  const orgIdOf = (code: string) => {
    const org = orgs.find((o) => o.code === code);
    if (!org?.id) throw new Error(`inventory seed needs organization ${code}`);
    return org.id;
  };
  // 天津长风电脑有限公司 → 天津长风电脑: location names read better without the legal form
  const shortName = (o: NewOrganization) => o.name.replace(/(股份|集团)?有限公司$/, "") || (o.shortName ?? o.name);
  const asPartner = (o: NewOrganization) => ({ id: o.id!, code: o.code, shortName: shortName(o), ownerBranchId: o.ownerBranchId ?? null });
  const channel = orgs.filter((o) => o.kind === "master_distributor" || o.kind === "agent" || o.kind === "dealer").map(asPartner);
  const active = new Set(orgs.filter((o) => (o.status ?? "active") === "active").map((o) => o.code));
  const pickPartners = (pool: typeof channel, first: string[], count: number) => {
    const rest = rand.shuffle(pool.filter((p) => active.has(p.code) && !first.includes(p.code))).slice(0, count - first.length);
    return [...pool.filter((p) => first.includes(p.code)), ...rest].sort((a, b) => a.code.localeCompare(b.code));
  };
  const consignees = pickPartners(channel.filter((p) => p.code.startsWith("DL-")), ["DL-0001"], 20);
  const stations = orgs.filter((o) => o.kind === "repair_station").map(asPartner);

  const locations = [
    ...fixedLocations(orgIdOf),
    ...channel.map(virtualStockLocation),
    ...consignees.map(consignmentLocation),
    ...stations.map(stationPartsLocation),
  ];
  const central = stockLocationId(CENTRAL_WAREHOUSE);
  const supplier = stockLocationId(SUPPLIER);
  const transit = stockLocationId(TRANSIT);
  const warehouseOfBranch = new Map(BRANCHES.map((b) => [orgIdOf(b.code), stockLocationId(branchWarehouse(b.code))]));
  const branchWarehouses = [...warehouseOfBranch.values()];
  const homeWarehouse = (p: { ownerBranchId: string | null }) => (p.ownerBranchId && warehouseOfBranch.get(p.ownerBranchId)) || central;

  const catalog = source.products.filter((p) => p.active !== false).map((p) => ({ id: p.id!, serialized: !!p.serialized, lineId: p.productLineId }));
  const serials: InventoryData["serials"] = [];
  const takenSerials = new Set<string>();
  const ledger = createSeedLedger({
    kinds: new Map(locations.map((l) => [l.id, l.kind])),
    serialized: new Set(catalog.filter((p) => p.serialized).map((p) => p.id)),
    mintSerials(productId, quantity, moveIndex) {
      const ids: string[] = [];
      while (ids.length < quantity) {
        const serial = rand.pick(SERIAL_PREFIXES) + rand.digits(7);
        if (takenSerials.has(serial)) continue;
        takenSerials.add(serial);
        const id = seedUuid(`serial:${serial}`);
        serials.push({ id, productId, serial, locationId: "", ownerId: null, receivedInMove: moveIndex });
        ids.push(id);
      }
      return ids;
    },
  });
  const post = (productId: string, quantity: number, from: string, to: string, ownerId: string | null, reason: SeedMove["reason"]) =>
    ledger.post({ productId, quantity, fromLocationId: from, toLocationId: to, ownerId, reason });

  // 1. supplier receipts into our warehouses; a few products are out of stock everywhere
  const outOfStock = new Set(rand.shuffle(catalog).slice(0, 6).map((p) => p.id));
  for (const p of catalog) {
    if (outOfStock.has(p.id)) continue;
    for (const warehouse of [central, ...branchWarehouses]) {
      const quantity = warehouseQuantity(rand, p.serialized, warehouse === central);
      if (quantity > 0) post(p.id, quantity, supplier, warehouse, null, "receipt");
    }
  }
  const stocked = catalog.filter((p) => !outOfStock.has(p.id));

  // 2. finished transfers from the central warehouse to branches, through transit
  for (let i = 0; i < 15; i++) {
    const p = rand.pick(stocked);
    const to = rand.pick(branchWarehouses);
    const quantity = Math.floor(ledger.onHand(central, null, p.id) / 4);
    if (quantity === 0) continue;
    post(p.id, quantity, central, transit, null, "transfer_out");
    post(p.id, quantity, transit, to, null, "transfer_in");
  }

  // 3. partners' goods: bought but not collected (in our warehouse, owned by the partner), and
  //    virtual and consignment stock (moved on from our warehouse into the partner's location)
  for (const partner of pickPartners(channel, ["DL-0001"], 40)) {
    const p = rand.pick(stocked);
    post(p.id, partnerQuantity(rand, p.serialized), supplier, homeWarehouse(partner), partner.id, "receipt");
  }
  const toPartnerLocation = (partner: (typeof channel)[number], locationId: string, lines: number) => {
    for (const p of rand.shuffle(stocked).slice(0, lines)) {
      const quantity = partnerQuantity(rand, p.serialized);
      post(p.id, quantity, supplier, homeWarehouse(partner), partner.id, "receipt");
      post(p.id, quantity, homeWarehouse(partner), locationId, partner.id, "transfer_in");
    }
  };
  for (const partner of pickPartners(channel, SHOWCASE_PARTNERS, 50)) toPartnerLocation(partner, virtualStockLocation(partner).id, rand.int(1, 4));
  for (const partner of consignees) toPartnerLocation(partner, consignmentLocation(partner).id, rand.int(2, 5));

  // 4. spare parts at every repair station, from its branch warehouse (or central) when there is enough
  const parts = stocked.filter((p) => !p.serialized && PARTS_LINES.has(p.lineId));
  for (const station of stations) {
    for (const p of rand.shuffle(parts).slice(0, rand.int(4, 8))) {
      const quantity = rand.int(2, 20);
      const from = [homeWarehouse(station), central].find((w) => ledger.onHand(w, null, p.id) >= quantity + 5);
      if (from) post(p.id, quantity, from, stationPartsLocation(station).id, null, "transfer_in");
    }
  }

  // every serial sits where the last move took it
  const levels = ledger.levels();
  const serialById = new Map(serials.map((s) => [s.id, s]));
  for (const level of levels) {
    for (const id of level.serialIds) {
      const s = serialById.get(id)!;
      s.locationId = level.locationId;
      s.ownerId = level.ownerId === DISTRIBUTOR_OWNER ? null : level.ownerId;
    }
  }
  if (serials.some((s) => !s.locationId)) throw new Error("inventory seed left a serial without a location");

  const reorder = rand.shuffle(stocked).slice(0, 50);
  const reorderRows = branchWarehouses.flatMap((locationId) =>
    reorder.map((p) => ({ locationId, productId: p.id, minimum: p.serialized ? rand.int(1, 3) : rand.int(1, 4) * 10 })),
  );
  return { locations, moves: ledger.moves(), levels, serials, reorderPoints: reorderRows };
}

/** Ledger history spans the 90 days before seeding, in posting order. */
const HISTORY_MS = 90 * 24 * 3600 * 1000;

/** Writes the demo stock inside the demo seed's transaction; moves, their levels and serials land together. */
export async function seedInventory(tx: DatabaseOrTransaction, source: InventorySource) {
  const data = buildInventoryData(source);
  const now = Date.now();
  const at = (moveIndex: number) => new Date(now - HISTORY_MS + Math.floor((moveIndex * HISTORY_MS) / (data.moves.length + 1)));

  await insertChunked(tx, stockLocations, data.locations);
  const moveIds: bigint[] = [];
  for (let i = 0; i < data.moves.length; i += CHUNK) {
    const rows = data.moves
      .slice(i, i + CHUNK)
      .map(({ serialIds: _serials, ...m }, j) => ({ ...m, ...seed, state: "done" as const, createdAt: at(i + j) }));
    // a multi-row VALUES insert returns its rows in the order given, which pairs ids with moves
    const inserted = await tx.insert(stockMoves).values(rows).returning({ id: stockMoves.id });
    moveIds.push(...inserted.map((r) => r.id));
  }
  await insertChunked(
    tx,
    serialNumbers,
    data.serials.map(({ receivedInMove, ...s }) => ({ ...s, status: "in_stock" as const, receivedAt: at(receivedInMove) })),
  );
  await insertChunked(
    tx,
    serialMoves,
    data.moves.flatMap((m, i) => m.serialIds.map((serialId) => ({ moveId: moveIds[i]!, serialId }))),
  );
  await insertChunked(
    tx,
    stockLevels,
    data.levels.map(({ serialIds: _serials, ...l }) => ({ ...l, reserved: 0 })),
  );
  await insertChunked(tx, reorderPoints, data.reorderPoints);
  await valueSeededStock(tx);
  return {
    locations: data.locations.length,
    moves: data.moves.length,
    levels: data.levels.length,
    serials: data.serials.length,
    reorderPoints: data.reorderPoints.length,
  };
}
