import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withSessionSettings, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { seedDemoChannel } from "@cs/seed/flows/channel";
import { seedDemoOrders } from "@cs/seed/flows/orders";
import { seedDemoPriceProtection } from "@cs/seed/flows/price-protection";
import { seedDemoRebates } from "@cs/seed/flows/rebates";
import { seedDemoData } from "@cs/testing/demo";
import { PORTAL_ROLE } from "./tenant";

/**
 * Each table drizzle/0017 put under row-level security, seen as the portal: with one tenant's
 * settings exactly the rows of that tenant (none of another's), with none set nothing at all.
 * `tenant` is the owner's SQL for a row's tenant (`t` is the row); `split` is where the rows of one
 * tenant are handed to a second one when the demo data has only one (the table or its parent).
 */
type Setting = "organization_id" | "station_id" | "end_customer_id" | "user_id";
type Spec = {
  table: string;
  setting: Setting;
  tenant: string;
  split: { table: string; column: string; others: string };
  /** What the tenant may see when it is more than its own rows (`$T` stands for the tenant). */
  visible?: string;
};

const orgs = "select id from organizations";
const own = (table: string, column = "organization_id", others = orgs) => ({ table, column, others });
const viaParent = (parent: string, fk: string, column = "organization_id") => `(select p.${column} from ${parent} p where p.id = t.${fk})`;

const specs: Spec[] = [
  { table: "order_events", setting: "organization_id", tenant: "t.organization_id", split: own("order_events") },
  { table: "order_submissions", setting: "organization_id", tenant: "t.organization_id", split: own("order_submissions") },
  { table: "cart_items", setting: "organization_id", tenant: "t.organization_id", split: own("cart_items") },
  { table: "order_templates", setting: "organization_id", tenant: "t.organization_id", split: own("order_templates") },
  { table: "order_template_lines", setting: "organization_id", tenant: viaParent("order_templates", "template_id"), split: own("order_templates") },
  { table: "shipment_lines", setting: "organization_id", tenant: viaParent("shipments", "shipment_id"), split: own("shipments") },
  { table: "invoice_lines", setting: "organization_id", tenant: viaParent("invoices", "invoice_id"), split: own("invoices") },
  { table: "payment_allocations", setting: "organization_id", tenant: viaParent("invoices", "invoice_id"), split: own("invoices") },
  { table: "return_requests", setting: "organization_id", tenant: "t.organization_id", split: own("return_requests") },
  { table: "return_lines", setting: "organization_id", tenant: viaParent("return_requests", "return_id"), split: own("return_requests") },
  { table: "rebate_statement_lines", setting: "organization_id", tenant: viaParent("rebate_statements", "statement_id"), split: own("rebate_statements") },
  { table: "rebate_ledger", setting: "organization_id", tenant: "t.organization_id", split: own("rebate_ledger") },
  {
    table: "rebate_balances",
    setting: "organization_id",
    tenant: "t.organization_id",
    split: own("rebate_balances", "organization_id", "select id from organizations o where not exists (select 1 from rebate_balances b where b.organization_id = o.id)"),
  },
  { table: "rebate_adjustments", setting: "organization_id", tenant: "t.organization_id", split: own("rebate_adjustments") },
  { table: "price_protection_lines", setting: "organization_id", tenant: "t.organization_id", split: own("price_protection_lines") },
  { table: "stock_documents", setting: "organization_id", tenant: "t.organization_id", split: own("stock_documents") },
  { table: "stock_document_lines", setting: "organization_id", tenant: viaParent("stock_documents", "document_id"), split: own("stock_documents") },
  { table: "repair_events", setting: "organization_id", tenant: viaParent("repair_requests", "request_id"), split: own("repair_requests") },
  { table: "repair_parts", setting: "organization_id", tenant: viaParent("repair_requests", "request_id"), split: own("repair_requests") },
  { table: "station_claims", setting: "station_id", tenant: "t.station_id", split: own("station_claims", "station_id") },
  { table: "station_claim_lines", setting: "station_id", tenant: viaParent("station_claims", "claim_id", "station_id"), split: own("station_claims", "station_id") },
  {
    table: "station_settlements",
    setting: "station_id",
    tenant: "t.station_id",
    split: own("station_settlements", "station_id", "select id from organizations o where not exists (select 1 from station_settlements s where s.station_id = o.id)"),
  },
  {
    table: "devices",
    setting: "end_customer_id",
    tenant: "t.end_customer_id",
    split: own("devices", "end_customer_id", "select id from end_customers"),
    // and the devices its repair requests name
    visible: "t.end_customer_id::text = '$T' or t.id in (select r.device_id from repair_requests r where r.end_customer_id::text = '$T')",
  },
  { table: "notifications", setting: "user_id", tenant: "t.user_id", split: own("notifications", "user_id", "select id from users") },
];

let db: Database;

const asPortal = (values: Partial<Record<Setting, string>>) =>
  withSessionSettings(db, { role: PORTAL_ROLE, values: Object.fromEntries(Object.entries(values).map(([k, v]) => [`app.${k}`, v])) });

async function tenantsOf(spec: Spec) {
  return db.execute<{ tenant: string; n: number }>(
    sql.raw(`select (${spec.tenant})::text as tenant, count(*)::int as n from ${spec.table} t where (${spec.tenant}) is not null group by 1 order by 2 desc, 1`),
  );
}

/** Hands about half the rows of the biggest tenant to another, so that two tenants have rows. */
async function splitTenants(spec: Spec) {
  const [top] = await tenantsOf(spec);
  if (!top) throw new Error(`${spec.table}: the demo data has no rows to test with`);
  const { table, column, others } = spec.split;
  await db.execute(
    sql.raw(`update ${table} set ${column} = (select x.id from (${others}) x where x.id::text <> '${top.tenant}' order by x.id limit 1)
              where ctid = any (array(select ctid from ${table} where ${column}::text = '${top.tenant}' order by ctid limit greatest(1, (select count(*) from ${table} where ${column}::text = '${top.tenant}') / 2)))`),
  );
}

/**
 * Rows for the tables the demo leaves empty, for two partners (and two stations): only what the
 * policies read has to make sense, so the rows are written directly.
 */
async function fillEmptyTables() {
  await db.execute(sql`
    with a as (select id from organizations where code = 'DL-0001'), b as (select id from organizations where code = 'DL-0002'),
         p as (select id from products order by sku limit 1), u as (select id, organization_id from users where organization_id is not null order by login limit 2),
         c as (insert into cart_items (user_id, organization_id, product_id, quantity, seen_unit_price_fen)
               select u.id, u.organization_id, p.id, 1, 100 from u, p returning 1),
         t as (insert into order_templates (organization_id, name) select id, 'RLS ' || x from (select id, 'a' as x from a union all select id, 'b' from b) o returning id),
         tl as (insert into order_template_lines (template_id, product_id, quantity) select t.id, p.id, 1 from t, p returning 1),
         d as (insert into stock_documents (kind, number, status, organization_id)
               select 'call_off', 'RLS-SD-' || x, 'requested', id from (select id, 'a' as x from a union all select id, 'b' from b) o returning id),
         dl as (insert into stock_document_lines (document_id, product_id, quantity) select d.id, p.id, 1 from d, p returning 1),
         s as (select id from rebate_statements order by number limit 1),
         ra as (insert into rebate_adjustments (organization_id, source_statement_id, amount_fen, reason)
                select o.id, s.id, 100, 'rls' from s, (select id from a union all select id from b) o returning 1)
    select 1`);
  // returns and shipments of the demo's orders
  await db.execute(sql`
    with l as (select l.id, l.order_id, l.product_id, o.organization_id from order_lines l join orders o on o.id = l.order_id order by l.id limit 2),
         r as (insert into return_requests (number, organization_id, order_id, reason)
               select 'RLS-RT-' || row_number() over (), organization_id, order_id, 'defective' from l returning id, order_id),
         rl as (insert into return_lines (return_id, order_line_id, product_id, quantity)
                select r.id, l.id, l.product_id, 1 from r join l on l.order_id = r.order_id returning 1),
         loc as (select id from stock_locations order by code limit 1),
         sh as (insert into shipments (number, order_id, organization_id, from_location_id)
                select 'RLS-SH-' || row_number() over (), l.order_id, l.organization_id, loc.id from l, loc returning id, order_id),
         shl as (insert into shipment_lines (shipment_id, order_line_id, product_id, quantity)
                 select sh.id, l.id, l.product_id, 1 from sh join l on l.order_id = sh.order_id returning 1)
    select 1`);
  // repair history, parts, claims and settlements of two stations
  await db.execute(sql`
    update repair_requests set organization_id = (select id from organizations where code = 'DL-0001')
     where organization_id is null and id in (select id from repair_requests where station_id is not null order by number limit 2)`);
  await db.execute(sql`
    with r as (select id, station_id, product_id from repair_requests where station_id is not null order by number limit 2),
         e as (insert into repair_events (request_id, action) select id, 'rls' from r returning 1),
         m as (select id from stock_moves order by id limit 1),
         pa as (insert into repair_parts (request_id, station_id, product_id, quantity, stock_move_id, unit_cost_fen)
                select r.id, r.station_id, r.product_id, 1, m.id, 100 from r, m returning 1),
         cl as (insert into station_claims (number, station_id, request_id, claimed_fen)
                select 'RLS-CL-' || row_number() over (), station_id, id, 100 from r returning id),
         cll as (insert into station_claim_lines (claim_id, kind, description, amount_fen) select id, 'labour', 'rls', 100 from cl returning 1),
         st as (insert into station_settlements (number, station_id, period, total_fen, claim_count)
                select 'RLS-ST-' || row_number() over (), id, '2026-01', 100, 1 from (select id from organizations order by code limit 2) x returning 1)
    select 1`);
  await db.execute(sql`
    insert into devices (product_id, serial, end_customer_id)
    select d.product_id, d.serial || '-RLS', (select c.id from end_customers c where c.id <> d.end_customer_id order by c.id limit 1)
      from devices d order by d.id limit 1`);
}

const rowsOf = (rows: { row: string }[]) => rows.map((r) => r.row).sort();

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  await seedDemoOrders(db);
  await seedDemoChannel(db);
  await seedDemoRebates(db);
  await seedDemoPriceProtection(db);
  await fillEmptyTables();
  const empty = [];
  for (const spec of specs) if ((await tenantsOf(spec)).length === 0) empty.push(spec.table);
  if (empty.length) throw new Error(`empty: ${empty.join(", ")}`);
  for (const spec of specs) if ((await tenantsOf(spec)).length < 2) await splitTenants(spec);
}, 120_000);

describe("row-level security on the tables of drizzle/0017, as the portal", () => {
  it.each(specs)("$table: a tenant sees its own rows and no other tenant's", async (spec) => {
    const tenants = await tenantsOf(spec);
    expect(tenants.length, `${spec.table} needs rows of two tenants`).toBeGreaterThanOrEqual(2);
    for (const { tenant } of tenants.slice(0, 2)) {
      const where = (spec.visible ?? `(${spec.tenant})::text = '$T'`).replaceAll("$T", tenant);
      const expected = rowsOf(await db.execute<{ row: string }>(sql.raw(`select t.ctid::text as row from ${spec.table} t where ${where}`)));
      expect(expected.length).toBeGreaterThan(0);
      const seen = rowsOf(await asPortal({ [spec.setting]: tenant }).execute<{ row: string }>(sql.raw(`select t.ctid::text as row from ${spec.table} t`)));
      expect(seen).toEqual(expected);
    }
  });

  it.each(specs)("$table: no tenant set shows nothing", async (spec) => {
    const [all] = await db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${spec.table}`));
    expect(all!.n).toBeGreaterThan(0);
    const [seen] = await asPortal({}).execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${spec.table}`));
    expect(seen!.n).toBe(0);
  });

  it("refuses to write a row for another tenant", async () => {
    const [[a], [b]] = [await db.execute<{ id: string }>(sql`select organization_id::text as id from cart_items limit 1`), await db.execute<{ id: string }>(sql`select id::text from organizations order by id limit 1`)];
    const portal = asPortal({ organization_id: a!.id });
    await expect(portal.execute(sql`update cart_items set organization_id = ${b!.id}::uuid`)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "42501" }) });
    // notifying someone else is allowed, reading it back is not
    await portal.execute(sql`insert into notifications (user_id, kind, entity_type, entity_id) select id, 'x', 'rls-test', 'x' from users limit 1`);
    const [seen] = await portal.execute<{ n: number }>(sql`select count(*)::int as n from notifications where entity_type = 'rls-test'`);
    expect(seen!.n).toBe(0);
    const [stored] = await db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where entity_type = 'rls-test'`);
    expect(stored!.n).toBe(1);
  });
});
