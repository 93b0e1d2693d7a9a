import { sql } from "drizzle-orm";
import type { Database, DatabaseOrTransaction } from "@cs/db/client";
import { addresses, contacts, endCustomers } from "@cs/db/schema/contacts";
import type { OrganizationKind, OrganizationStatus, PartnerTier } from "@cs/db/schema/enums";
import { organizationDivisions, organizationParents, organizations, type NewOrganization } from "@cs/db/schema/organizations";
import { divisions, productLines, products } from "@cs/db/schema/products";
import { userBranches, userDivisions, userRoles, users } from "@cs/db/schema/users";
import { makeCreditCode } from "./credit-code";
import { lineTax } from "./tax";
import {
  ALL_CITIES,
  BRANCHES,
  BUILDINGS,
  DIVISIONS,
  INDUSTRY_WORDS,
  KEY_ACCOUNT_WORDS,
  PRODUCTS,
  SERVICE_WORDS,
  STREETS,
  TRADE_WORDS,
  WAREHOUSE_SITES,
  type BranchGeo,
  type City,
} from "./data";
import { seedInventory } from "./inventory";
import { seedPricing } from "./pricing";
import { seedBilling } from "./billing";
import { seedSupplyRoutes } from "./supply";
import { seedQuarantineLocations } from "./returns";
import { seedService } from "./service";
import { seedKnowledge } from "./knowledge";
import { seedProductImages } from "./product-images";
import { createRandom, DEMO_SEED, seedUuid, type Random } from "./random";
import { birthday, fullAddress, insertChunked, landline, pad, personName, uniqueMobile, yuan } from "./util";

/** The password of every demo user. */
export const DEMO_PASSWORD = "Demo@2026";

export type DemoSignIn = { login: string; password: string; app: "portal" | "backoffice"; description: string };

type DemoUser = {
  login: string;
  displayName: string;
  kind: "staff" | "partner" | "customer";
  /** Organization code (HQ, BJ, DL-0001 …); null for the customer. */
  org: string | null;
  roles: string[];
  /** Branch codes for user_branches; empty = all branches (or not applicable). */
  branches: string[];
  /** Division codes for user_divisions; absent = not limited to divisions. */
  divisions?: string[];
  description: string;
};

/**
 * The demo dealer with a real ledger (invoices and payments this year, a non-zero quarterly
 * rebate): the other partner logins keep an empty ledger for the end-to-end tests.
 */
export const STAR_DEALER = "DL-0006";

const DEMO_USERS: readonly DemoUser[] = [
  { login: "admin@demo.cn", displayName: "系统管理员", kind: "staff", org: "HQ", roles: ["admin"], branches: [], description: "Administrator, all branches" },
  { login: "sales.bj@demo.cn", displayName: "张伟", kind: "staff", org: "BJ", roles: ["sales"], branches: ["BJ"], description: "Sales, Beijing branch" },
  { login: "sales.net@demo.cn", displayName: "高峰", kind: "staff", org: "BJ", roles: ["sales"], branches: ["BJ"], divisions: ["NET"], description: "Sales, Beijing branch, networking division only" },
  { login: "sales.sh@demo.cn", displayName: "李娜", kind: "staff", org: "SH", roles: ["sales"], branches: ["SH"], description: "Sales, Shanghai branch" },
  { login: "orderdesk@demo.cn", displayName: "刘洋", kind: "staff", org: "HQ", roles: ["order_desk"], branches: ["BJ", "SH"], description: "Order desk, Beijing + Shanghai" },
  { login: "warehouse@demo.cn", displayName: "陈强", kind: "staff", org: "BJ", roles: ["warehouse"], branches: ["BJ"], description: "Warehouse, Beijing branch" },
  { login: "finance@demo.cn", displayName: "赵敏", kind: "staff", org: "HQ", roles: ["finance"], branches: [], description: "Finance, all branches" },
  { login: "service@demo.cn", displayName: "孙丽", kind: "staff", org: "HQ", roles: ["service_desk"], branches: [], description: "Service desk, all branches" },
  { login: "marketing@demo.cn", displayName: "周婷", kind: "staff", org: "HQ", roles: ["marketing"], branches: [], description: "Marketing, all branches" },
  { login: "manager@demo.cn", displayName: "吴刚", kind: "staff", org: "HQ", roles: ["management"], branches: [], description: "Management (read-only overview)" },
  { login: "dealer@demo.cn", displayName: "郑浩", kind: "partner", org: "DL-0001", roles: ["partner_admin"], branches: [], description: "Dealer admin, DL-0001" },
  { login: "buyer@demo.cn", displayName: "冯雪", kind: "partner", org: "DL-0001", roles: ["partner_buyer"], branches: [], description: "Dealer buyer, DL-0001" },
  { login: "dealer2@demo.cn", displayName: "何军", kind: "partner", org: "DL-0002", roles: ["partner_admin"], branches: [], description: "Dealer admin, DL-0002 (another tenant)" },
  { login: "agent@demo.cn", displayName: "许涛", kind: "partner", org: "AG-001", roles: ["partner_admin"], branches: [], description: "Tier-2 agent admin, AG-001" },
  { login: "star@demo.cn", displayName: "钱星", kind: "partner", org: STAR_DEALER, roles: ["partner_admin"], branches: [], description: "Dealer admin, DL-0006: a year of purchases, rebate statements and balance" },
  { login: "master@demo.cn", displayName: "韩梅", kind: "partner", org: "MD-001", roles: ["partner_admin"], branches: [], description: "Master distributor admin, MD-001" },
  { login: "station@demo.cn", displayName: "曹明", kind: "partner", org: "RS-001", roles: ["station_admin"], branches: [], description: "Repair station admin, RS-001" },
  { login: "tech@demo.cn", displayName: "邓宇", kind: "partner", org: "RS-001", roles: ["technician"], branches: [], description: "Technician, RS-001" },
  { login: "customer@demo.cn", displayName: "林晓", kind: "customer", org: null, roles: ["customer"], branches: [], description: "End customer" },
];

export const demoSignIns: readonly DemoSignIn[] = DEMO_USERS.map((u) => ({
  login: u.login,
  password: DEMO_PASSWORD,
  app: u.kind === "staff" ? "backoffice" : "portal",
  description: u.description,
}));

/** Partner populations of the demo data set. */
const PARTNER_PLAN: readonly { kind: OrganizationKind; prefix: string; count: number; width: number }[] = [
  { kind: "master_distributor", prefix: "MD", count: 3, width: 3 },
  { kind: "agent", prefix: "AG", count: 30, width: 3 },
  { kind: "dealer", prefix: "DL", count: 200, width: 4 },
  { kind: "key_account", prefix: "KA", count: 20, width: 3 },
  { kind: "repair_station", prefix: "RS", count: 25, width: 3 },
];

/** Organizations that demo users sign in to: always active. */
// STAR_DEALER is active anyway; listing it would skip its status draw and reshuffle the whole seed.
const LOGIN_ORGS = new Set(DEMO_USERS.map((u) => u.org).filter((c): c is string => c !== null && c !== STAR_DEALER));
/** The dealer whose channel parent changed on 2026-01-01 (organization_parents history example). */
export const MOVED_DEALER = "DL-0005";
export const CHANNEL_START = "2025-01-01";
export const MOVE_DATE = "2026-01-01";

const orgId = (code: string) => seedUuid(`org:${code}`);

type Row<T extends { $inferInsert: unknown }> = T["$inferInsert"];

export type DemoData = {
  organizations: NewOrganization[];
  organizationParents: Row<typeof organizationParents>[];
  contacts: Row<typeof contacts>[];
  addresses: Row<typeof addresses>[];
  endCustomers: Row<typeof endCustomers>[];
  divisions: Row<typeof divisions>[];
  productLines: Row<typeof productLines>[];
  products: Row<typeof products>[];
};

function tierFor(rand: Random, kind: OrganizationKind): PartnerTier {
  switch (kind) {
    case "master_distributor":
      return "strategic";
    case "agent":
      return rand.weighted([["strategic", 1], ["gold", 11], ["silver", 8]] as const);
    case "key_account":
      return rand.weighted([["strategic", 2], ["gold", 3]] as const);
    case "repair_station":
      return rand.weighted([["silver", 3], ["bronze", 7]] as const);
    default:
      return rand.weighted([["gold", 1], ["silver", 4], ["bronze", 5]] as const);
  }
}

function creditLimitFor(rand: Random, kind: OrganizationKind): bigint {
  switch (kind) {
    case "master_distributor":
      return yuan(rand.int(9, 12) * 500_000);
    case "agent":
      return yuan(rand.int(5, 20) * 100_000);
    case "key_account":
      return yuan(rand.int(10, 30) * 100_000);
    case "repair_station":
      return yuan(rand.int(2, 10) * 10_000);
    default:
      return yuan(rand.int(5, 30) * 10_000);
  }
}

function companyName(rand: Random, city: City, kind: OrganizationKind, taken: Set<string>): { name: string; shortName: string } {
  for (let attempt = 0; ; attempt++) {
    const trade = rand.pick(TRADE_WORDS);
    let name: string;
    if (kind === "key_account") {
      name = `${city.short}${trade}${rand.pick(KEY_ACCOUNT_WORDS)}${rand.pick(["股份有限公司", "集团有限公司"] as const)}`;
    } else if (kind === "repair_station") {
      name = `${city.short}${trade}${rand.pick(SERVICE_WORDS)}有限公司`;
    } else {
      name = `${city.short}${trade}${rand.pick(INDUSTRY_WORDS)}有限公司`;
    }
    if (attempt > 50) name = name.replace("有限公司", `${attempt}号有限公司`);
    if (!taken.has(name)) {
      taken.add(name);
      return { name, shortName: `${city.short}${trade}` };
    }
  }
}

function streetLine(rand: Random): string {
  return `${rand.pick(STREETS)}${rand.int(1, 399)}号${rand.pick(BUILDINGS)}${rand.int(2, 28)}层`;
}

function warehouseLine(rand: Random): string {
  return `${rand.pick(STREETS)}${rand.int(1, 999)}号${rand.pick(WAREHOUSE_SITES)}${rand.int(1, 12)}号库`;
}

/** Builds the whole demo data set in memory: pure and deterministic (fixed seed). */
export function buildDemoData(): DemoData {
  const rand = createRandom(DEMO_SEED);
  const takenTaxIds = new Set<string>();
  const takenNames = new Set<string>();
  const takenMobiles = new Set<string>();
  const taxId = (region: string) => {
    for (;;) {
      const code = makeCreditCode(rand, region);
      if (!takenTaxIds.has(code)) {
        takenTaxIds.add(code);
        return code;
      }
    }
  };

  const orgs: NewOrganization[] = [];
  const parents: Row<typeof organizationParents>[] = [];
  const contactRows: Row<typeof contacts>[] = [];
  const addressRows: Row<typeof addresses>[] = [];

  // --- our company and its branches ---
  const hqCity = BRANCHES[0]!.cities[0]!;
  orgs.push({
    id: orgId("HQ"),
    code: "HQ",
    kind: "company",
    name: "华信达科技集团有限公司",
    shortName: "华信达",
    taxId: taxId("110108"),
    parentId: null,
    ownerBranchId: null,
    tier: null,
    region: "north",
    province: hqCity.province,
    city: hqCity.city,
    address: fullAddress(hqCity, "海淀区", "中关村大街18号华信达大厦"),
    phone: "010-62345678",
    status: "active",
  });
  for (const b of BRANCHES) {
    const city = b.cities[0]!;
    const [district, region] = city.districts[0]!;
    orgs.push({
      id: orgId(b.code),
      code: b.code,
      kind: "branch",
      name: b.name,
      shortName: b.shortName,
      taxId: taxId(region),
      parentId: orgId("HQ"),
      ownerBranchId: orgId(b.code),
      tier: null,
      region: b.region,
      province: city.province,
      city: city.city,
      address: fullAddress(city, district, streetLine(rand)),
      phone: landline(rand, city),
      status: "active",
    });
  }

  // --- partners ---
  const byKindBranch = new Map<string, string[]>(); // `${kind}:${branch}` → codes
  const allOfKind = new Map<OrganizationKind, string[]>();
  const branchOf = new Map<string, BranchGeo>();
  let contactSeq = 0;

  for (const plan of PARTNER_PLAN) {
    for (let i = 0; i < plan.count; i++) {
      const code = `${plan.prefix}-${pad(i + 1, plan.width)}`;
      const branch = BRANCHES[i % BRANCHES.length]!;
      const city = plan.kind === "master_distributor" ? branch.cities[0]! : rand.weighted(branch.cities.map((c) => [c, c.weight] as const));
      const [district, regionCode] = rand.pick(city.districts);
      const { name, shortName } = companyName(rand, city, plan.kind, takenNames);

      let parentCode: string | null = null;
      if (plan.kind === "agent") {
        const mds = byKindBranch.get(`master_distributor:${branch.code}`) ?? allOfKind.get("master_distributor") ?? [];
        parentCode = rand.pick(mds);
      } else if (plan.kind === "dealer") {
        const agents = byKindBranch.get(`agent:${branch.code}`) ?? [];
        const mds = byKindBranch.get(`master_distributor:${branch.code}`) ?? allOfKind.get("master_distributor") ?? [];
        parentCode = agents.length > 0 && rand.chance(0.85) ? rand.pick(agents) : rand.pick(mds);
        if (code === "DL-0001") parentCode = "AG-001";
        if (code === MOVED_DEALER) parentCode = agents[1]!;
      }

      const phone = landline(rand, city);
      const status: OrganizationStatus = LOGIN_ORGS.has(code)
        ? "active"
        : rand.weighted([["active", 18], ["inactive", 1], ["on_hold", 1]] as const);
      const id = orgId(code);
      orgs.push({
        id,
        code,
        kind: plan.kind,
        name,
        shortName,
        taxId: taxId(regionCode),
        parentId: parentCode ? orgId(parentCode) : null,
        ownerBranchId: orgId(branch.code),
        tier: tierFor(rand, plan.kind),
        region: branch.region,
        province: city.province,
        city: city.city,
        address: fullAddress(city, district, streetLine(rand)),
        phone,
        status,
        creditLimitFen: creditLimitFor(rand, plan.kind),
        paymentTermsDays: rand.pick([30, 45, 60] as const),
      });
      branchOf.set(code, branch);
      const key = `${plan.kind}:${branch.code}`;
      byKindBranch.set(key, [...(byKindBranch.get(key) ?? []), code]);
      allOfKind.set(plan.kind, [...(allOfKind.get(plan.kind) ?? []), code]);

      // channel placement, effective-dated; the moved dealer gets a closed and an open period
      if (parentCode) {
        if (code === MOVED_DEALER) {
          const agents = byKindBranch.get(`agent:${branch.code}`)!;
          parents.push({
            id: seedUuid(`org-parent:${code}:${CHANNEL_START}`),
            organizationId: id,
            parentId: orgId(agents[2]!),
            validFrom: CHANNEL_START,
            validTo: MOVE_DATE,
          });
          parents.push({
            id: seedUuid(`org-parent:${code}:${MOVE_DATE}`),
            organizationId: id,
            parentId: orgId(parentCode),
            validFrom: MOVE_DATE,
            validTo: null,
          });
        } else {
          parents.push({
            id: seedUuid(`org-parent:${code}:${CHANNEL_START}`),
            organizationId: id,
            parentId: orgId(parentCode),
            validFrom: CHANNEL_START,
            validTo: null,
          });
        }
      }

      // contacts: 1–3, the first one primary
      const titles = ["总经理", ...rand.shuffle(["采购经理", "财务", "技术主管"] as const)];
      const nContacts = rand.int(1, 3);
      const people: { name: string; mobile: string }[] = [];
      for (let c = 0; c < nContacts; c++) {
        contactSeq++;
        const person = { name: personName(rand), mobile: uniqueMobile(rand, takenMobiles) };
        people.push(person);
        contactRows.push({
          id: seedUuid(`contact:${code}:${c}`),
          organizationId: id,
          name: person.name,
          title: titles[c]!,
          mobile: person.mobile,
          phone: rand.chance(0.6) ? `${phone}-${rand.int(801, 899)}` : phone,
          email: `c${contactSeq}@example.cn`,
          birthday: birthday(rand),
          isPrimary: c === 0,
        });
      }

      // addresses: 1–2, the first one default
      const nAddresses = rand.int(1, 2);
      for (let a = 0; a < nAddresses; a++) {
        const label = nAddresses === 2 && a === 0 ? "仓库" : "办公室";
        const person = rand.pick(people);
        const [addrDistrict] = label === "仓库" ? rand.pick(city.districts) : [district];
        addressRows.push({
          id: seedUuid(`address:${code}:${a}`),
          organizationId: id,
          label,
          recipient: person.name,
          phone: person.mobile,
          province: city.province,
          city: city.city,
          district: addrDistrict,
          line: label === "仓库" ? warehouseLine(rand) : streetLine(rand),
          isDefault: a === 0,
        });
      }
    }
  }

  // --- end customers ---
  const customers: Row<typeof endCustomers>[] = [];
  for (let i = 0; i < 500; i++) {
    const city = rand.weighted(ALL_CITIES.map((c) => [c, c.weight] as const));
    customers.push({
      id: seedUuid(`end-customer:${i + 1}`),
      name: i === 0 ? "林晓" : personName(rand),
      mobile: uniqueMobile(rand, takenMobiles),
      email: i === 0 ? "customer@demo.cn" : rand.chance(0.4) ? `ec${i + 1}@example.cn` : null,
      city: city.city,
      birthday: rand.chance(0.6) ? birthday(rand, 1960, 2005) : null,
    });
  }

  // --- catalog ---
  const divisionRows: Row<typeof divisions>[] = [];
  const lineRows: Row<typeof productLines>[] = [];
  const productRows: Row<typeof products>[] = [];
  const lineSpecs = new Map(DIVISIONS.flatMap((d) => d.lines.map((l) => [l.code, l] as const)));
  for (const d of DIVISIONS) {
    divisionRows.push({ id: seedUuid(`division:${d.code}`), code: d.code, nameZh: d.nameZh, nameEn: d.nameEn });
    for (const l of d.lines) {
      lineRows.push({ id: seedUuid(`product-line:${l.code}`), divisionId: seedUuid(`division:${d.code}`), code: l.code, nameZh: l.nameZh, nameEn: l.nameEn });
    }
  }
  for (const p of PRODUCTS) {
    const line = lineSpecs.get(p.line);
    if (!line) throw new Error(`product ${p.sku} names unknown line ${p.line}`);
    const listPriceFen = yuan(p.price);
    // cost 70–88 % of list, whole yuan
    const costFen = ((listPriceFen * BigInt(rand.int(70, 88))) / 100n / 100n) * 100n;
    productRows.push({
      id: seedUuid(`product:${p.sku}`),
      productLineId: seedUuid(`product-line:${p.line}`),
      sku: p.sku,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      unit: p.unit ?? line.unit,
      listPriceFen,
      costFen,
      serialized: p.serialized ?? line.serialized,
      warrantyMonths: p.warrantyMonths ?? line.warrantyMonths,
      ...lineTax(p.line),
    });
  }

  return {
    organizations: orgs,
    organizationParents: parents,
    contacts: contactRows,
    addresses: addressRows,
    endCustomers: customers,
    divisions: divisionRows,
    productLines: lineRows,
    products: productRows,
  };
}

const partnerKinds: readonly OrganizationKind[] = ["master_distributor", "agent", "dealer", "key_account"];

/**
 * The divisions each channel partner deals in: two of the four, picked by a hash of its code, so a
 * user limited to one division sees about half of them in every branch. Repair stations are of the
 * divisions they are skilled for (repair_stations.division_ids), which need no row here.
 */
function partnerDivisions(data: DemoData): Row<typeof organizationDivisions>[] {
  const n = data.divisions.length;
  return data.organizations
    .filter((o) => partnerKinds.includes(o.kind))
    .flatMap((o) => {
      let h = 0;
      for (const c of o.code) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
      const first = h % n;
      const second = (first + 1 + (Math.floor(h / n) % (n - 1))) % n;
      return [first, second].map((d) => ({ organizationId: o.id!, divisionId: data.divisions[d]!.id! }));
    });
}

/** Key of the transaction-level advisory lock that serialises concurrent first starts. */
const SEED_LOCK = 720_260_101;

async function hasOrganizations(db: DatabaseOrTransaction): Promise<boolean> {
  const rows = await db.select({ id: organizations.id }).from(organizations).limit(1);
  return rows.length > 0;
}

/**
 * Seeds the demo data set on first start: only when there are no organizations yet, all in one
 * transaction. Deterministic: every run produces the same rows (and the same ids).
 */
export async function seedDemo(
  db: Database,
  options: { hashPassword: (plain: string) => Promise<string> },
): Promise<{ seeded: boolean }> {
  if (await hasOrganizations(db)) return { seeded: false };

  const data = buildDemoData();
  // Hash outside the transaction (slow by design); a salt per user, so equal passwords get unequal hashes.
  const hashes = await Promise.all(DEMO_USERS.map(() => options.hashPassword(DEMO_PASSWORD)));

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    if (await hasOrganizations(tx)) return { seeded: false };

    // parents precede children in the array, so every chunk's references already exist
    await insertChunked(tx, organizations, data.organizations);
    await insertChunked(tx, organizationParents, data.organizationParents);
    await insertChunked(tx, contacts, data.contacts);
    await insertChunked(tx, addresses, data.addresses);
    await insertChunked(tx, endCustomers, data.endCustomers);
    await insertChunked(tx, divisions, data.divisions);
    await insertChunked(tx, productLines, data.productLines);
    await insertChunked(tx, products, data.products);

    const firstCustomerId = data.endCustomers[0]!.id!;
    const userRows = DEMO_USERS.map((u, i) => ({
      id: seedUuid(`user:${u.login}`),
      kind: u.kind,
      login: u.login,
      displayName: u.displayName,
      passwordHash: hashes[i]!,
      organizationId: u.org ? orgId(u.org) : null,
      endCustomerId: u.kind === "customer" ? firstCustomerId : null,
      locale: null,
    }));
    await insertChunked(tx, users, userRows);
    await insertChunked(
      tx,
      userRoles,
      DEMO_USERS.flatMap((u) => u.roles.map((role) => ({ userId: seedUuid(`user:${u.login}`), role }))),
    );
    await insertChunked(
      tx,
      userBranches,
      DEMO_USERS.flatMap((u) => u.branches.map((b) => ({ userId: seedUuid(`user:${u.login}`), branchId: orgId(b) }))),
    );
    await insertChunked(
      tx,
      userDivisions,
      DEMO_USERS.flatMap((u) => (u.divisions ?? []).map((d) => ({ userId: seedUuid(`user:${u.login}`), divisionId: seedUuid(`division:${d}`) }))),
    );
    await insertChunked(tx, organizationDivisions, partnerDivisions(data));
    await seedInventory(tx, data);
    await seedPricing(tx, data);
    await seedBilling(tx, data);
    await seedSupplyRoutes(tx);
    await seedQuarantineLocations(tx);
    await seedService(tx, data);
    await seedKnowledge(tx, data);
    await seedProductImages(tx);
    return { seeded: true };
  });
}
