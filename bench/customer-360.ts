import { loadavg } from "node:os";
import { eq, inArray, sql } from "drizzle-orm";
import { hashPassword } from "@cs/auth/server";
import { createDatabase, users, type Database } from "@cs/db";
import { PortalClient } from "./lib/http-client";
import { startPortal } from "./lib/portal";
import { overRounds, round, timedRounds } from "./lib/stats";

export const AIM_P95_MS = 150;
const ORDERS = 100_000;
const ACTIVITIES = 50_000;
const REPAIRS = 5_000;
const PREFIX = "C360-";
const STAFF = "admin@demo.cn";
const PASSWORD = "Bench@2026-360";

/**
 * The account the 360 page is measured on: one large-seed dealer given 100,000 orders, 50,000
 * activities and 5,000 repair requests of its own (set-based, once; kept between runs by prefix).
 */
async function heavyAccount(db: Database): Promise<{ id: string; generated: boolean; milliseconds: number }> {
  const [org] = await db.execute<{ id: string }>(sql`select id from organizations where code like 'LG-%' and kind = 'dealer' and owner_branch_id is not null order by code limit 1`);
  if (!org) throw new Error("customer_360 needs the large seed's dealers");
  const [have] = await db.execute<{ n: number }>(sql`select count(*)::int as n from orders where number like ${PREFIX + "SO-%"}`);
  if ((have?.n ?? 0) >= ORDERS) return { id: org.id, generated: false, milliseconds: 0 };
  const t0 = performance.now();
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from orders where number like ${PREFIX + "SO-%"}`);
    await tx.execute(sql`delete from activities where summary like ${PREFIX + "%"}`);
    await tx.execute(sql`delete from repair_requests where number like ${PREFIX + "RMA-%"}`);
    await tx.execute(sql`
      insert into orders (number, organization_id, owner_branch_id, status, ship_to, total_fen, tax_fen, submitted_at, confirmed_at, closed_at, updated_at)
      select ${PREFIX + "SO-"} || lpad(g::text, 7, '0'), o.id, o.owner_branch_id,
             (case when g % 50 = 0 then 'confirmed' when g % 97 = 0 then 'cancelled' else 'completed' end)::order_status,
             jsonb_build_object('recipient', o.name, 'phone', coalesce(o.phone, ''), 'province', coalesce(o.province, ''), 'city', coalesce(o.city, ''), 'line', coalesce(o.address, '')),
             (50000 + (g % 997) * 1000)::bigint, round((50000 + (g % 997) * 1000) * 1300 / 11300.0)::bigint,
             now() - make_interval(mins => g * 15), now() - make_interval(mins => g * 15 - 60),
             case when g % 50 <> 0 then now() - make_interval(mins => g * 15 - 600) end, now() - make_interval(mins => g * 15 - 600)
        from organizations o, generate_series(1, ${ORDERS}) g
       where o.id = ${org.id}`);
    await tx.execute(sql`
      insert into activities (organization_id, kind, occurred_at, staff_id, summary, outcome)
      select ${org.id}, (array['call','visit','email','wechat','meeting','note'])[1 + g % 6]::activity_kind,
             now() - make_interval(mins => g * 30), s.id, ${PREFIX} || '回访记录 ' || g, '已沟通'
        from generate_series(1, ${ACTIVITIES}) g, (select id from users where login = ${STAFF}) s`);
    await tx.execute(sql`
      with p as (select array_agg(p.id order by p.sku) a, array_agg(l.division_id order by p.sku) d
                   from products p join product_lines l on l.id = p.product_line_id where p.serialized),
           c as (select array_agg(id order by id) a from (select id from end_customers order by id limit 500) e)
      insert into repair_requests (number, organization_id, end_customer_id, product_id, serial, division_id, symptoms, service_mode, city,
                                   priority, warranty_status, warranty_reason, status, response_due_at, resolution_due_at, created_at, updated_at, closed_at)
      select ${PREFIX + "RMA-"} || lpad(g::text, 6, '0'), ${org.id}, c.a[1 + g % array_length(c.a, 1)], p.a[1 + g % array_length(p.a, 1)], 'C360SN' || g, p.d[1 + g % array_length(p.d, 1)],
             '批量生成的维修单', 'drop_off', '北京', 'normal', 'in_warranty', 'service.warranty.reason.contract',
             (case when g % 20 = 0 then 'submitted' else 'closed' end)::repair_status,
             now() - make_interval(hours => g) + interval '8 hours', now() - make_interval(hours => g) + interval '72 hours',
             now() - make_interval(hours => g), now() - make_interval(hours => g), case when g % 20 <> 0 then now() - make_interval(hours => g) + interval '3 days' end
        from p, c, generate_series(1, ${REPAIRS}) g`);
  });
  await db.execute(sql`analyze orders`);
  await db.execute(sql`analyze activities`);
  await db.execute(sql`analyze repair_requests`);
  return { id: org.id, generated: true, milliseconds: performance.now() - t0 };
}


/**
 * customer_360: the back-office 360 page of one partner with 100,000 orders, 50,000 activities and
 * 5,000 repairs, over HTTP from the production build, signed in as the admin (every section
 * shown). The anchor, same run and server: the same user's organization detail page of a partner
 * with no history (the page the 360 sits beside), so the figure is what the history costs.
 */
export async function customer360Bench(url: string, options: { runs: number; log: (m: string) => void }) {
  const db = createDatabase(url, { max: 2 });
  const started = performance.now();
  try {
    const account = await heavyAccount(db);
    options.log(account.generated ? `customer_360: generated the account's history in ${(account.milliseconds / 1000).toFixed(1)} s` : "customer_360: the account's history is already there");
    const [quiet] = await db.execute<{ id: string }>(sql`select o.id from organizations o where o.code like 'LG-%' and o.kind = 'dealer' and o.id <> ${account.id}
      and not exists (select 1 from orders x where x.organization_id = o.id) order by o.code limit 1`);
    await db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(inArray(users.login, [STAFF]));
    const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.login, STAFF));
    if (!staff || !quiet) throw new Error("customer_360 needs the demo admin and a partner without orders");
    const server = await startPortal(url, 0, options.log, "backoffice");
    try {
      const client = new PortalClient(server.base);
      await client.signIn(STAFF, PASSWORD);
      const page = async (path: string) => {
        const r = await client.get(path);
        if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
        return r.body.length;
      };
      const bytes = await page(`/organizations/${account.id}/360`);
      const anchor = overRounds(await timedRounds(options.runs, () => page(`/organizations/${quiet.id}`)));
      const result = overRounds(await timedRounds(options.runs, () => page(`/organizations/${account.id}/360`)));
      return {
        ...result,
        runs: options.runs,
        bytes,
        history: { orders: ORDERS, activities: ACTIVITIES, repairs: REPAIRS },
        anchor: { page: "organization detail of a partner without history", ...anchor },
        ratio_to_anchor: round(result.median_ms / Math.max(anchor.median_ms, 0.001), 2),
        aim_p95_ms: AIM_P95_MS,
        ok: result.p95_ms < AIM_P95_MS,
        load: loadavg().map((l) => round(l, 2)),
        seconds: round((performance.now() - started) / 1000, 1),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await db.$client.end({ timeout: 5 });
  }
}
