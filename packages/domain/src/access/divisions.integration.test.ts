import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { invoiceListQuery, listInvoices } from "../billing/finance-queries";
import { seedDemoChannel } from "@cs/seed/flows/channel";
import { stockByProductQuery, listStockByProduct } from "../inventory/views/by-product";
import { listMoves, moveListQuery } from "../inventory/views/moves";
import { getOrder } from "../orders/get-order";
import { listOrders, listOrdersQuery } from "../orders/list-orders";
import { seedDemoOrders } from "@cs/seed/flows/orders";
import { getOrganization } from "../organizations/get";
import { listOrganizations, organizationListQuery } from "../organizations/list";
import { listRebateStatements, rebateStatementListQuery } from "../rebates/statements-queries";
import { seedDemoRebates } from "@cs/seed/flows/rebates";
import { getRepairRequest } from "../service/get-request";
import { listRepairRequests, repairListQuery } from "../service/lists";
import { NotFoundError } from "../shared/errors";
import type { Ctx } from "../shared/context";
import { actorOf, ctxOf, seedDemoData } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { buildActor, type Actor } from "./actor";
import { tenantCtx } from "./tenant";

/**
 * Staff limited to product divisions (docs/decisions/028) see only the partners, orders, stock,
 * rebates and service records of their divisions. Each case compares what the domain lists with an
 * independent SQL statement of the rule, and checks that the rule really removes something.
 */

let db: Database;
let net: string;
let bj: string;
let salesNet: Ctx;
let salesBj: Ctx;

/** A staff context like `login`'s but with other roles and the given divisions. */
async function limitedLike(login: string, roles: string[], divisionIds: string[]): Promise<Ctx> {
  const base = await actorOf(db, login);
  const actor: Actor = buildActor({ ...base, roles, branchIds: base.branchIds === "all" ? [] : base.branchIds, divisionIds });
  return tenantCtx(db, actor);
}

async function ids(query: SQL) {
  const rows = await db.execute<{ id: string }>(query);
  return rows.map((r) => r.id).sort();
}

/** Every page of a list, 100 a row. */
async function all<T extends { id: string }>(list: (page: number) => Promise<{ rows: T[] }>) {
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const { rows } = await list(page);
    out.push(...rows.map((r) => r.id));
    if (rows.length < 100) return out.sort();
  }
}

const partnerOfNet = (org: string) => sql`(exists (select 1 from organization_divisions od where od.organization_id = ${sql.raw(org)} and od.division_id = ${net}::uuid)
  or exists (select 1 from repair_stations rs where rs.organization_id = ${sql.raw(org)} and ${net}::uuid = any(rs.division_ids)))`;
const orderOfNet = (order: string) => sql`exists (select 1 from order_lines l join products p on p.id = l.product_id
  join product_lines pl on pl.id = p.product_line_id where l.order_id = ${sql.raw(order)} and pl.division_id = ${net}::uuid)`;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  await seedDemoOrders(db);
  await seedDemoChannel(db);
  await seedDemoRebates(db);
  [[{ id: net }], [{ id: bj }]] = (await Promise.all([
    db.execute<{ id: string }>(sql`select id from divisions where code = 'NET'`),
    db.execute<{ id: string }>(sql`select id from organizations where code = 'BJ'`),
  ])) as unknown as [[{ id: string }], [{ id: string }]];
  [salesNet, salesBj] = await Promise.all([ctxOf(db, "sales.net@demo.cn"), ctxOf(db, "sales.bj@demo.cn")]);
});

describe("division scopes", () => {
  it("loads the demo user limited to the networking division", () => {
    expect(salesNet.actor.divisionIds).toEqual([net]);
    expect(salesNet.actor.branchIds).toEqual([bj]);
  });

  it("lists the partners of the division in the user's branch, our branches, and no others", async () => {
    const expected = await ids(sql`select o.id from organizations o where o.owner_branch_id = ${bj}::uuid
      and (o.kind in ('company', 'branch') or ${partnerOfNet("o.id")})`);
    const branchWide = await ids(sql`select id from organizations where owner_branch_id = ${bj}::uuid`);
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(branchWide.length);
    const listed = await all((page) => listOrganizations(salesNet, organizationListQuery.parse({ size: "100", page: String(page) })));
    expect(listed).toEqual(expected);
    expect(await all((page) => listOrganizations(salesBj, organizationListQuery.parse({ size: "100", page: String(page) })))).toEqual(branchWide);
  });

  it("answers another division's partner by id with NotFoundError, and opens its own", async () => {
    const [other] = await ids(sql`select o.id from organizations o where o.owner_branch_id = ${bj}::uuid and o.kind = 'dealer' and not ${partnerOfNet("o.id")} limit 1`);
    const [own] = await ids(sql`select o.id from organizations o where o.owner_branch_id = ${bj}::uuid and o.kind = 'dealer' and ${partnerOfNet("o.id")} limit 1`);
    await expectUnchanged(db, () => expect(getOrganization(salesNet, other!)).rejects.toThrow(NotFoundError));
    await expect(getOrganization(salesBj, other!)).resolves.toBeTruthy();
    await expect(getOrganization(salesNet, own!)).resolves.toBeTruthy();
  });

  it("lists the orders with a line of the division, and hides the others by id", async () => {
    const expected = await ids(sql`select o.id from orders o where o.owner_branch_id = ${bj}::uuid and ${orderOfNet("o.id")}`);
    const branchWide = await ids(sql`select id from orders where owner_branch_id = ${bj}::uuid`);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(branchWide.length);
    const desk = await limitedLike("orderdesk@demo.cn", ["order_desk"], [net]);
    const listed = await all((page) => listOrders(desk, listOrdersQuery.parse({ size: "100", page: String(page) })));
    expect(listed).toEqual(expected);
    const hidden = branchWide.find((id) => !expected.includes(id))!;
    await expectUnchanged(db, () => expect(getOrder(desk, hidden)).rejects.toThrow(NotFoundError));
    await expect(getOrder(desk, expected[0]!)).resolves.toBeTruthy();
  });

  it("lists invoices of the division's partners and orders only", async () => {
    const finance = await limitedLike("finance@demo.cn", ["finance"], [net]);
    const expected = await ids(sql`select i.id from invoices i where ${partnerOfNet("i.organization_id")}
      or (i.order_id is not null and ${orderOfNet("i.order_id")})`);
    const everything = await ids(sql`select id from invoices`);
    expect(expected.length).toBeLessThan(everything.length);
    const listed = await all((page) => listInvoices(finance, invoiceListQuery.parse({ size: "100", page: String(page) })));
    expect(listed).toEqual(expected);
  });

  it("shows stock of the division's products only", async () => {
    const warehouse = await limitedLike("warehouse@demo.cn", ["warehouse"], [net]);
    const products = await listStockByProduct(warehouse, stockByProductQuery.parse({ size: "100" }));
    const expected = await ids(sql`select p.id from products p join product_lines pl on pl.id = p.product_line_id where p.active and pl.division_id = ${net}::uuid`);
    expect(products.total).toBe(expected.length);
    expect(products.rows.map((r) => r.id).sort()).toEqual(expected);
    const moves = await listMoves(warehouse, moveListQuery.parse({ size: "100" }));
    expect(moves.total).toBeGreaterThan(0);
    const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from stock_moves m
      join products p on p.id = m.product_id join product_lines pl on pl.id = p.product_line_id
      where m.id = any(${`{${moves.rows.map((r) => r.id).join(",")}}`}::bigint[]) and pl.division_id <> ${net}::uuid`);
    expect(n).toBe(0);
    const unlimited = await listMoves(await ctxOf(db, "warehouse@demo.cn"), moveListQuery.parse({ size: "100" }));
    expect(unlimited.total).toBeGreaterThan(moves.total);
  });

  it("lists rebate statements of the division's partners (the demo programs are for all divisions)", async () => {
    const expected = await ids(sql`select s.id from rebate_statements s where s.owner_branch_id = ${bj}::uuid and ${partnerOfNet("s.organization_id")}`);
    const branchWide = await ids(sql`select id from rebate_statements where owner_branch_id = ${bj}::uuid`);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(branchWide.length);
    const listed = await all((page) => listRebateStatements(salesNet, rebateStatementListQuery.parse({ size: "100", page: String(page) })));
    expect(listed).toEqual(expected);
  });

  it("lists repair requests of the division's products, and hides the others by id", async () => {
    // Named on the request when filed; requests without it are of their product's division.
    const divisionOf = sql`coalesce(r.division_id,
      (select pl.division_id from products p join product_lines pl on pl.id = p.product_line_id where p.id = r.product_id))`;
    const everything = await ids(sql`select id from repair_requests`);
    const [{ id: busiest } = { id: "" }] = await db.execute<{ id: string }>(sql`select ${divisionOf} as id from repair_requests r group by 1 order by count(*) desc, 1 limit 1`);
    for (const division of [net, busiest]) {
      const desk = await limitedLike("service@demo.cn", ["service_desk"], [division]);
      const expected = await ids(sql`select r.id from repair_requests r where ${divisionOf} = ${division}::uuid`);
      const listed = await all((page) => listRepairRequests(desk, repairListQuery.parse({ size: "100", page: String(page) })));
      expect(listed).toEqual(expected);
      const hidden = everything.find((id) => !expected.includes(id));
      if (hidden) await expectUnchanged(db, () => expect(getRepairRequest(desk, hidden)).rejects.toThrow(NotFoundError));
      if (expected[0]) await expect(getRepairRequest(desk, expected[0])).resolves.toBeTruthy();
    }
    // The demo's requests are of one division: the networking desk sees none, the busiest all.
    expect(busiest).not.toBe(net);
    expect(everything.length).toBeGreaterThan(0);
  });

  it("keeps an administrator with division rows unlimited", async () => {
    const admin = await limitedLike("admin@demo.cn", ["admin"], [net]);
    expect(admin.actor.divisionIds).toBe("all");
    const everything = await ids(sql`select id from organizations`);
    expect((await listOrganizations(admin, organizationListQuery.parse({}))).total).toBe(everything.length);
  });
});
