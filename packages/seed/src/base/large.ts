import { and, asc, inArray, like, not } from "drizzle-orm";
import type { Database } from "@cs/db/client";
import type { OrganizationKind, OrganizationStatus, PartnerTier } from "@cs/db/schema/enums";
import { organizationParents, organizations, type NewOrganization } from "@cs/db/schema/organizations";
import { productLines, products } from "@cs/db/schema/products";
import { BRANCHES, DIVISIONS, INDUSTRY_WORDS, KEY_ACCOUNT_WORDS, PRODUCTS, SERVICE_WORDS, STREETS, BUILDINGS, TRADE_CHARS, type LineSpec } from "./data";
import { seedLargeStock } from "./large-stock";
import { createRandom, seedUuid, type Random } from "./random";
import { CHUNK, fullAddress, insertChunked, landline, pad, yuan } from "./util";

/** Fixed seed of the benchmark data set (different from the demo's, same determinism). */
export const LARGE_SEED = 20260202;
/** Code and SKU prefix of every benchmark row, so they never collide with demo or real data. */
export const LARGE_PREFIX = "LG-";

const KIND_PLAN: readonly (readonly [OrganizationKind, string, number])[] = [
  ["dealer", "DL", 80],
  ["agent", "AG", 8],
  ["key_account", "KA", 6],
  ["repair_station", "RS", 6],
];

const TIERS: Record<string, readonly (readonly [PartnerTier, number])[]> = {
  agent: [["gold", 6], ["silver", 4]],
  key_account: [["strategic", 2], ["gold", 3]],
  repair_station: [["silver", 3], ["bronze", 7]],
  dealer: [["gold", 1], ["silver", 4], ["bronze", 5]],
};

function creditLimit(rand: Random, kind: OrganizationKind): bigint {
  if (kind === "agent") return yuan(rand.int(5, 20) * 100_000);
  if (kind === "key_account") return yuan(rand.int(10, 30) * 100_000);
  if (kind === "repair_station") return yuan(rand.int(2, 10) * 10_000);
  return yuan(rand.int(5, 30) * 10_000);
}

export type LargeSeedResult = { organizations: number; products: number; stockMoves: number; milliseconds: number };

/**
 * Adds a benchmark-sized data set (default 10,000 organizations and 10,000 products) on top of the
 * demo data. Idempotent: rows carry `LG-` codes/SKUs and stable ids, and existing ones are skipped.
 * Deterministic: row n is the same whatever the requested counts, so a larger run extends a smaller.
 */
export async function seedLarge(
  db: Database,
  options: { organizations?: number; products?: number } = {},
): Promise<LargeSeedResult> {
  const started = performance.now();
  const orgCount = options.organizations ?? 10_000;
  const productCount = options.products ?? 10_000;

  const branchRows = await db
    .select({ id: organizations.id, code: organizations.code })
    .from(organizations)
    .where(inArray(organizations.code, BRANCHES.map((b) => b.code)));
  const lines = await db
    .select({ id: productLines.id, code: productLines.code, nameZh: productLines.nameZh, nameEn: productLines.nameEn })
    .from(productLines)
    .orderBy(asc(productLines.code));
  if (branchRows.length < BRANCHES.length || lines.length === 0) {
    throw new Error(
      "seedLarge needs the demo data (branches BJ/SH/GZ/CD and product lines): run the demo seed (seedDemo) first.",
    );
  }
  const branchId = new Map(branchRows.map((b) => [b.code, b.id]));

  // Existing (non-benchmark) channel partners to hang benchmark agents and dealers under.
  const upstream = await db
    .select({ id: organizations.id, kind: organizations.kind, ownerBranchId: organizations.ownerBranchId })
    .from(organizations)
    .where(
      and(
        inArray(organizations.kind, ["master_distributor", "agent"]),
        not(like(organizations.code, `${LARGE_PREFIX}%`)),
      ),
    )
    .orderBy(asc(organizations.code));
  const upstreamOf = (kind: OrganizationKind, branch: string) => {
    const sameBranch = upstream.filter((o) => o.kind === kind && o.ownerBranchId === branchId.get(branch));
    return sameBranch.length > 0 ? sameBranch : upstream.filter((o) => o.kind === kind);
  };

  // --- organizations ---
  // one stream per table, so the products do not depend on how many organizations were asked for
  const rand = createRandom(LARGE_SEED);
  const orgRows: NewOrganization[] = [];
  const largeAgents = new Map<string, string[]>(); // branch code → ids of benchmark agents so far
  const names = new Set<string>();
  for (let i = 0; i < orgCount; i++) {
    const [kind, abbr] = rand.weighted(KIND_PLAN.map(([k, a, w]) => [[k, a] as const, w] as const));
    const branch = rand.pick(BRANCHES);
    const city = rand.weighted(branch.cities.map((c) => [c, c.weight] as const));
    const [district] = rand.pick(city.districts);
    let name = "";
    for (let attempt = 0; attempt < 20 && (name === "" || names.has(name)); attempt++) {
      const trade = rand.pick(TRADE_CHARS) + rand.pick(TRADE_CHARS);
      const suffix =
        kind === "key_account"
          ? `${rand.pick(KEY_ACCOUNT_WORDS)}股份有限公司`
          : kind === "repair_station"
            ? `${rand.pick(SERVICE_WORDS)}有限公司`
            : `${rand.pick(INDUSTRY_WORDS)}有限公司`;
      name = `${city.short}${trade}${suffix}`;
    }
    names.add(name);

    let parentId: string | null = null;
    if (kind === "agent") {
      const mds = upstreamOf("master_distributor", branch.code);
      parentId = mds.length > 0 ? rand.pick(mds).id : null;
    } else if (kind === "dealer") {
      const own = largeAgents.get(branch.code) ?? [];
      if (own.length > 0 && rand.chance(0.7)) parentId = rand.pick(own);
      else {
        const agents = upstreamOf("agent", branch.code);
        parentId = agents.length > 0 ? rand.pick(agents).id : null;
      }
    }

    const code = `${LARGE_PREFIX}${abbr}-${pad(i + 1, 6)}`;
    const id = seedUuid(`org:${code}`);
    if (kind === "agent") largeAgents.set(branch.code, [...(largeAgents.get(branch.code) ?? []), id]);
    orgRows.push({
      id,
      code,
      kind,
      name,
      shortName: name.slice(0, city.short.length + 2),
      taxId: null,
      parentId,
      ownerBranchId: branchId.get(branch.code)!,
      tier: rand.weighted(TIERS[kind]!),
      region: branch.region,
      province: city.province,
      city: city.city,
      address: fullAddress(city, district, `${rand.pick(STREETS)}${rand.int(1, 999)}号${rand.pick(BUILDINGS)}${rand.int(2, 30)}层`),
      phone: landline(rand, city),
      status: rand.weighted([["active", 18], ["inactive", 1], ["on_hold", 1]] as const) as OrganizationStatus,
      creditLimitFen: creditLimit(rand, kind),
      paymentTermsDays: rand.pick([30, 45, 60] as const),
    });
  }

  // --- products ---
  const specs = new Map<string, LineSpec>(DIVISIONS.flatMap((d) => d.lines.map((l) => [l.code, l] as const)));
  const templates = new Map<string, (typeof PRODUCTS)[number][]>();
  for (const p of PRODUCTS) templates.set(p.line, [...(templates.get(p.line) ?? []), p]);
  const productRows: (typeof products.$inferInsert)[] = [];
  const prand = createRandom(LARGE_SEED + 1);
  // the demo's lines when present, so lines added later by users do not reshuffle the benchmark rows
  const knownLines = lines.filter((l) => specs.has(l.code));
  const pickable = knownLines.length > 0 ? knownLines : lines;
  for (let i = 0; i < productCount; i++) {
    const line = prand.pick(pickable);
    const spec = specs.get(line.code);
    const [lo, hi] = spec?.band ?? [99, 9_999];
    // prices ending in 9 yuan: 3899, 12999 …
    const step = hi >= 10_000 ? 1_000 : hi >= 1_000 ? 100 : 10;
    const listYuan = Math.max(step, Math.round(prand.int(lo, hi) / step) * step) - 1;
    const listPriceFen = yuan(listYuan);
    const costFen = ((listPriceFen * BigInt(prand.int(70, 88))) / 100n / 100n) * 100n;
    const sku = `${LARGE_PREFIX}${line.code}-${pad(i + 1, 6)}`;
    const variant = `${String.fromCharCode(65 + prand.int(0, 25))}${prand.int(100, 999)}`;
    const template = templates.get(line.code);
    const base = template ? prand.pick(template) : null;
    productRows.push({
      id: seedUuid(`product:${sku}`),
      productLineId: line.id,
      sku,
      nameZh: base ? `${base.nameZh}（${variant}定制版）` : `${line.nameZh} ${variant}`,
      nameEn: base ? `${base.nameEn} (${variant} custom)` : `${line.nameEn} ${variant}`,
      unit: base?.unit ?? spec?.unit ?? "pcs",
      listPriceFen,
      costFen,
      serialized: base?.serialized ?? spec?.serialized ?? false,
      warrantyMonths: base?.warrantyMonths ?? spec?.warrantyMonths ?? 12,
      active: prand.chance(0.97),
    });
  }

  let insertedOrgs = 0;
  let insertedProducts = 0;
  let insertedMoves = 0;
  await db.transaction(async (tx) => {
    const byId = new Map(orgRows.map((o) => [o.id!, o]));
    // agents come earlier in the array than the dealers that reference them, chunk by chunk
    for (let i = 0; i < orgRows.length; i += CHUNK) {
      const inserted = await tx
        .insert(organizations)
        .values(orgRows.slice(i, i + CHUNK))
        .onConflictDoNothing()
        .returning({ id: organizations.id });
      insertedOrgs += inserted.length;
      const placements = inserted.flatMap(({ id }) => {
        const parentId = byId.get(id)?.parentId;
        return parentId
          ? [{ id: seedUuid(`org-parent:${id}`), organizationId: id, parentId, validFrom: "2025-01-01", validTo: null }]
          : [];
      });
      await insertChunked(tx, organizationParents, placements, { ignoreConflicts: true });
    }
    const newProducts = new Set<string>();
    for (let i = 0; i < productRows.length; i += CHUNK) {
      const inserted = await tx
        .insert(products)
        .values(productRows.slice(i, i + CHUNK))
        .onConflictDoNothing()
        .returning({ id: products.id });
      insertedProducts += inserted.length;
      for (const { id } of inserted) newProducts.add(id);
    }
    insertedMoves = await seedLargeStock(tx, (code) => branchId.get(code)!, productRows, newProducts);
  });

  return { organizations: insertedOrgs, products: insertedProducts, stockMoves: insertedMoves, milliseconds: Math.round(performance.now() - started) };
}
