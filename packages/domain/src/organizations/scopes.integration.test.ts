import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { NotFoundError } from "../shared/errors";
import type { Ctx } from "../shared/context";
import { countWhere, ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { getOrganization } from "./get";
import { exportOrganizations, listOrganizations, organizationListQuery, type OrganizationRow } from "./list";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let admin: Ctx;
let salesBj: Ctx;
let dealer: Ctx;
let customer: Ctx;
let bj: { id: string; name: string };
let sh: { id: string; name: string };

const query = (raw: Record<string, unknown> = {}) => organizationListQuery.parse(raw);

/** Every row of a list, page by page (100 a page). */
async function allPages(ctx: Ctx, raw: Record<string, unknown> = {}) {
  const rows: OrganizationRow[] = [];
  let total = -1;
  for (let page = 1; ; page++) {
    const result = await listOrganizations(ctx, query({ ...raw, size: "100", page: String(page) }));
    if (total === -1) total = result.total;
    expect(result.total).toBe(total);
    rows.push(...result.rows);
    if (result.rows.length < 100) break;
  }
  return { rows, total };
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [admin, salesBj, dealer, customer] = await Promise.all(
    ["admin@demo.cn", "sales.bj@demo.cn", "dealer@demo.cn", "customer@demo.cn"].map((login) => ctxOf(db, login)),
  ) as [Ctx, Ctx, Ctx, Ctx];
  bj = await orgByCode(db, "BJ");
  sh = await orgByCode(db, "SH");
});

describe("listOrganizations scope", () => {
  it("shows an admin all 283 organizations", async () => {
    expect(await countWhere(db, sql`true`)).toBe(283);
    const { rows, total } = await allPages(admin);
    expect(total).toBe(283);
    expect(new Set(rows.map((r) => r.id)).size).toBe(283);
  });

  it("shows Beijing sales only organizations owned by the Beijing branch", async () => {
    const { rows, total } = await allPages(salesBj);
    const expected = await countWhere(db, sql`owner_branch_id = ${bj.id}`);
    expect(expected).toBeGreaterThan(50);
    expect(expected).toBeLessThan(283);
    expect(total).toBe(expected);
    expect(rows).toHaveLength(expected);
    for (const row of rows) expect(row.branchName, row.code).toBe(bj.name);
    expect(rows.map((r) => r.code)).toEqual(expect.arrayContaining(["BJ", "DL-0001", "AG-001", "MD-001"]));
    expect(rows.map((r) => r.code)).not.toContain("DL-0002");
  });

  it("shows a partner exactly its own organization", async () => {
    const own = await orgByCode(db, "DL-0001");
    const result = await listOrganizations(dealer, query({ size: "100" }));
    expect(result.total).toBe(1);
    expect(result.rows.map((r) => r.id)).toEqual([own.id]);
    // Filters cannot widen the scope.
    const widened = await listOrganizations(dealer, query({ kind: ["dealer", "agent"], branch: sh.id }));
    expect(widened.total).toBe(0);
  });

  it("shows a customer nothing", async () => {
    const result = await listOrganizations(customer, query({ size: "100" }));
    expect(result).toMatchObject({ rows: [], total: 0 });
  });
});

describe("getOrganization scope", () => {
  it("gives a partner its own organization", async () => {
    const own = await orgByCode(db, "DL-0001");
    const detail = await getOrganization(dealer, own.id);
    expect(detail.organization.code).toBe("DL-0001");
    expect(detail.parent?.id).toBe((await orgByCode(db, "AG-001")).id);
    expect(detail.branch?.name).toBe(bj.name);
    expect(detail.contacts.length).toBeGreaterThan(0);
  });

  it("hides another partner's organization from a partner", async () => {
    const other = await orgByCode(db, "DL-0002");
    await expectUnchanged(db, () => expect(getOrganization(dealer, other.id)).rejects.toThrow(NotFoundError));
  });

  it("hides a Shanghai organization from Beijing sales", async () => {
    const shanghai = await orgByCode(db, "DL-0002");
    expect(shanghai.ownerBranchId).toBe(sh.id);
    await expectUnchanged(db, () => expect(getOrganization(salesBj, shanghai.id)).rejects.toThrow(NotFoundError));
    await expectUnchanged(db, () => expect(getOrganization(salesBj, sh.id)).rejects.toThrow(NotFoundError));
    await expect(getOrganization(admin, shanghai.id)).resolves.toMatchObject({ organization: { code: "DL-0002" } });
  });

  it("hides another division's partner from sales limited to the networking division (404), not its own", async () => {
    const salesNet = await ctxOf(db, "sales.net@demo.cn");
    const ofNet = (code: string) => countWhere(db, sql`code = ${code} and exists (select 1 from organization_divisions od
      join divisions d on d.id = od.division_id where od.organization_id = organizations.id and d.code = 'NET')`);
    const dl1 = await orgByCode(db, "DL-0001");
    expect(dl1.ownerBranchId).toBe(bj.id);
    expect(await ofNet("DL-0001")).toBe(0);
    await expectUnchanged(db, () => expect(getOrganization(salesNet, dl1.id)).rejects.toThrow(NotFoundError));
    await expect(getOrganization(salesBj, dl1.id)).resolves.toMatchObject({ organization: { code: "DL-0001" } });
    const listed = await allPages(salesNet);
    expect(listed.total).toBe(
      // partners dealing in NET, and repair stations skilled for it
      await countWhere(db, sql`owner_branch_id = ${bj.id} and (kind in ('company', 'branch') or exists (select 1 from organization_divisions od
        join divisions d on d.id = od.division_id where od.organization_id = organizations.id and d.code = 'NET')
        or exists (select 1 from repair_stations rs join divisions d on d.id = any(rs.division_ids) where rs.organization_id = organizations.id and d.code = 'NET'))`),
    );
    expect(listed.rows.map((r) => r.code)).toContain("BJ");
    expect(listed.rows.map((r) => r.code)).not.toContain("DL-0001");
    await expect(getOrganization(salesNet, listed.rows.find((r) => r.kind === "dealer")!.id)).resolves.toBeTruthy();
  });

  it("hides everything from a customer", async () => {
    await expectUnchanged(db, async () => expect(getOrganization(customer, (await orgByCode(db, "DL-0001")).id)).rejects.toThrow(NotFoundError));
  });

  it.each([
    ["not an id", "DL-0001"],
    ["empty", ""],
    ["36 dashes", "-".repeat(36)],
    ["36 hex digits without dashes", "0".repeat(36)],
    ["dashes in the wrong places", "0000-00000000-0000-0000-00000000000"],
    ["SQL", "'; drop table organizations; --"],
    ["a well-formed id of nothing", "00000000-0000-4000-8000-000000000000"],
  ])("answers a malformed or unknown id (%s) with NotFoundError", async (_what, id) => {
    await expectUnchanged(db, () => expect(getOrganization(admin, id)).rejects.toThrow(NotFoundError));
  });
});

describe("listOrganizations filters", () => {
  it.each([
    ["kind", { kind: "dealer" }, sql`kind = 'dealer'`],
    ["several kinds", { kind: ["agent", "master_distributor"] }, sql`kind in ('agent', 'master_distributor')`],
    ["region", { region: "east" }, sql`region = 'east'`],
    ["tier", { tier: ["gold", "strategic"] }, sql`tier in ('gold', 'strategic')`],
    ["status", { status: "on_hold" }, sql`status = 'on_hold'`],
    ["kind, region and tier together", { kind: "dealer", region: "north", tier: "silver" }, sql`kind = 'dealer' and region = 'north' and tier = 'silver'`],
  ] as const)("filters by %s", async (_what, raw, condition) => {
    const expected = await countWhere(db, condition);
    expect(expected).toBeGreaterThan(0);
    const { rows, total } = await allPages(admin, raw);
    expect(total).toBe(expected);
    expect(rows).toHaveLength(expected);
    for (const [field, value] of Object.entries(raw)) {
      const allowed = Array.isArray(value) ? value : [value];
      for (const row of rows) expect(allowed).toContain(row[field as "kind"]);
    }
  });

  it("ignores filter values that are not in the enum", async () => {
    const result = await listOrganizations(admin, query({ kind: ["dealer", "pirate"], tier: "platinum" }));
    expect(result.total).toBe(await countWhere(db, sql`kind = 'dealer'`));
  });

  it("filters by owner branch, inside the actor's scope", async () => {
    const expected = await countWhere(db, sql`owner_branch_id = ${sh.id}`);
    const { rows, total } = await allPages(admin, { branch: sh.id });
    expect(total).toBe(expected);
    for (const row of rows) expect(row.branchName).toBe(sh.name);
    expect((await listOrganizations(salesBj, query({ branch: sh.id }))).total).toBe(0);
    expect((await listOrganizations(salesBj, query({ branch: bj.id }))).total).toBe(
      await countWhere(db, sql`owner_branch_id = ${bj.id}`),
    );
  });

  it("searches a Chinese substring of names, codes, tax ids and cities", async () => {
    const sample = await orgByCode(db, "DL-0002");
    const needle = sample.name.slice(2, 4); // the trade name, e.g. 星辰
    const expected = await countWhere(
      db,
      sql`strpos(name, ${needle}) > 0 or strpos(code, ${needle}) > 0 or strpos(coalesce(tax_id, ''), ${needle}) > 0 or strpos(coalesce(city, ''), ${needle}) > 0`,
    );
    const { rows, total } = await allPages(admin, { q: ` ${needle} ` });
    expect(total).toBe(expected);
    expect(rows.map((r) => r.id)).toContain(sample.id);
    for (const row of rows) expect([row.name, row.code, row.taxId, row.city].some((v) => v?.includes(needle))).toBe(true);
  });

  it("searches a city and a code case-insensitively", async () => {
    const shanghai = await listOrganizations(admin, query({ q: "上海市" }));
    expect(shanghai.total).toBe(await countWhere(db, sql`strpos(name, '上海市') > 0 or city = '上海市'`));
    const code = await listOrganizations(admin, query({ q: "dl-0002" }));
    expect(code.rows.map((r) => r.code)).toEqual(["DL-0002"]);
  });

  it.each(["%", "_", "\\"])("treats %s in the search as a literal character", async (q) => {
    expect((await listOrganizations(admin, query({ q }))).total).toBe(0);
  });
});

describe("listOrganizations sorting and paging", () => {
  it("sorts by credit limit, largest first", async () => {
    const { rows } = await allPages(admin, { sort: "creditLimit", dir: "desc" });
    expect(rows).toHaveLength(283);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.creditLimitFen >= rows[i]!.creditLimitFen).toBe(true);
    const [max] = await db.execute<{ max: string }>(sql`select max(credit_limit_fen)::text as max from organizations`);
    expect(String(rows[0]!.creditLimitFen)).toBe(max!.max);
  });

  it.each(["asc", "desc"] as const)("sorts by name %s, as PostgreSQL collates", async (dir) => {
    const { rows } = await allPages(admin, { sort: "name", dir });
    const expected = await db.execute<{ id: string }>(
      dir === "asc" ? sql`select id from organizations order by name asc, id asc` : sql`select id from organizations order by name desc, id asc`,
    );
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  });

  it("pages without overlap and with the same total on every page", async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((page) => listOrganizations(admin, query({ sort: "creditLimit", dir: "desc", size: "10", page: String(page) }))),
    );
    const first30 = await listOrganizations(admin, query({ sort: "creditLimit", dir: "desc", size: "50" }));
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(first30.rows.slice(0, 30).map((r) => r.id));
    for (const [i, page] of pages.entries()) expect(page).toMatchObject({ total: 283, page: i + 1, size: 10 });
  });

  it("returns a short last page and an empty page beyond it", async () => {
    expect((await listOrganizations(admin, query({ size: "100", page: "3" }))).rows).toHaveLength(83);
    expect(await listOrganizations(admin, query({ size: "100", page: "4" }))).toMatchObject({ rows: [], total: 283 });
  });

  it("falls back to defaults for unknown page sizes, sort keys and pages", async () => {
    const result = await listOrganizations(admin, query({ size: "7", sort: "password", page: "-1", dir: "sideways" }));
    expect(result).toMatchObject({ page: 1, size: 20, total: 283 });
    expect(result.rows).toHaveLength(20);
  });
});

describe("exportOrganizations", () => {
  async function exportAll(ctx: Ctx, raw: Record<string, unknown> = {}) {
    const chunks: OrganizationRow[][] = [];
    for await (const chunk of exportOrganizations(ctx, query(raw), 50)) chunks.push(chunk);
    return chunks;
  }

  it("yields every organization once, in chunks of 50", async () => {
    const chunks = await exportAll(admin);
    expect(chunks.map((c) => c.length)).toEqual([50, 50, 50, 50, 50, 33]);
    const ids = chunks.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(283);
  });

  it("yields exactly the rows of the filtered, scoped list", async () => {
    const raw = { kind: "dealer" };
    const exported = (await exportAll(salesBj, raw)).flat();
    const listed = await allPages(salesBj, raw);
    expect(exported).toHaveLength(await countWhere(db, sql`kind = 'dealer' and owner_branch_id = ${bj.id}`));
    expect(new Set(exported.map((r) => r.id))).toEqual(new Set(listed.rows.map((r) => r.id)));
    expect(new Set(exported.map((r) => r.id)).size).toBe(exported.length);
  });

  it("ends cleanly when the row count is a multiple of the chunk size", async () => {
    const chunks: OrganizationRow[][] = [];
    for await (const chunk of exportOrganizations(admin, query({ kind: "dealer" }), 50)) chunks.push(chunk);
    expect(chunks.map((c) => c.length)).toEqual([50, 50, 50, 50]);
  });

  it("yields nothing for a customer", async () => {
    expect(await exportAll(customer)).toEqual([]);
  });
});
