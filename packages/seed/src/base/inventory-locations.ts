import type { LocationKind } from "@cs/db/schema/inventory";
import { BRANCHES } from "./data";
import { seedUuid } from "./random";

export type SeedLocation = {
  id: string;
  code: string;
  kind: LocationKind;
  nameZh: string;
  nameEn: string;
  branchId: string | null;
  organizationId: string | null;
};

/** Stable id of a seeded stock location, by its code (WH-CENTRAL, PV-DL-0001 …). */
export const stockLocationId = (code: string) => seedUuid(`stock-location:${code}`);

export const CENTRAL_WAREHOUSE = "WH-CENTRAL";
export const TRANSIT = "TRANSIT";
export const SUPPLIER = "SUPPLIER";
export const CUSTOMER = "CUSTOMER";
export const LOSS = "LOSS";

const BRANCH_EN: Record<(typeof BRANCHES)[number]["code"], string> = { BJ: "Beijing", SH: "Shanghai", GZ: "Guangzhou", CD: "Chengdu" };

/** Warehouse code of a branch: WH-BJ … */
export const branchWarehouse = (branchCode: string) => `WH-${branchCode}`;

/**
 * The distributor's own locations: a central warehouse, one warehouse per branch, transit, and the
 * outside world (supplier, customer, loss). The large seed reuses this for databases seeded
 * before inventory existed.
 */
export function fixedLocations(branchIdOf: (branchCode: string) => string): SeedLocation[] {
  const location = (code: string, kind: LocationKind, nameZh: string, nameEn: string, branchId: string | null = null): SeedLocation => ({
    id: stockLocationId(code),
    code,
    kind,
    nameZh,
    nameEn,
    branchId,
    organizationId: null,
  });
  return [
    location(CENTRAL_WAREHOUSE, "warehouse", "中央仓", "Central warehouse"),
    ...BRANCHES.map((b) =>
      location(branchWarehouse(b.code), "warehouse", `${b.cities[0]!.short}仓`, `${BRANCH_EN[b.code]} warehouse`, branchIdOf(b.code)),
    ),
    location(TRANSIT, "transit", "在途库", "In transit"),
    location(SUPPLIER, "supplier", "供应商", "Suppliers"),
    location(CUSTOMER, "customer", "客户", "Customers"),
    location(LOSS, "loss", "盘亏与报损", "Inventory loss and adjustments"),
  ];
}

type Partner = { id: string; code: string; shortName: string; ownerBranchId: string | null };

const partnerLocation = (prefix: string, kind: LocationKind, zh: string, en: string) => (p: Partner): SeedLocation => ({
  id: stockLocationId(`${prefix}-${p.code}`),
  code: `${prefix}-${p.code}`,
  kind,
  nameZh: `${p.shortName} ${zh}`,
  nameEn: `${p.code} ${en}`,
  branchId: p.ownerBranchId,
  organizationId: p.id,
});

/** Goods a partner owns that we hold for it (虚拟库存). */
export const virtualStockLocation = partnerLocation("PV", "partner_virtual", "虚拟库存", "virtual stock");
/** Goods at a dealer's premises on consignment (寄售库存). */
export const consignmentLocation = partnerLocation("PC", "partner_consignment", "寄售库存", "consignment stock");
/** A repair station's spare parts (备件库). */
export const stationPartsLocation = partnerLocation("SP", "station_parts", "备件库", "spare parts");
