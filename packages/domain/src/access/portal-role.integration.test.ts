import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@cs/db";
import { portalRoleProblems, preparePortalRole } from "@cs/db/local-server";
import { testDatabaseUrl, testDb } from "../../../../tests/db";
import { seedDemoOrders } from "@cs/seed/flows/orders";
import { actorOf, seedDemoData } from "@cs/testing/demo";
import { PORTAL_ROLE, tenantCtx } from "./tenant";

/** Fixed, so test files preparing the role at once on a shared server agree on it. */
const PASSWORD = "portal-role-integration-test";

let db: Database;
let portalUrl: string;
let portal: Database;
let ownerName: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  await seedDemoOrders(db);
  portalUrl = await preparePortalRole({ ownerUrl: testDatabaseUrl(), password: PASSWORD });
  portal = createDatabase(portalUrl, { max: 2 });
  const [owner] = await db.execute<{ name: string }>(sql`select tableowner as name from pg_tables where tablename = 'orders'`);
  ownerName = owner!.name;
});

afterAll(async () => {
  await portal?.$client.end();
});

/** One connection of its own, so a session-level SET cannot touch the pool's others. */
async function onOwnConnection<T>(fn: (sql: Awaited<ReturnType<Database["$client"]["reserve"]>>) => Promise<T>): Promise<T> {
  const conn = await portal.$client.reserve();
  try {
    return await fn(conn);
  } finally {
    conn.release();
  }
}

const failureOf = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string }) => e.code ?? String(e));

describe("the portal's own login role", () => {
  it("signs in as cs_portal, which is neither superuser, owner, BYPASSRLS nor a member of any role", async () => {
    const [who] = await portal.execute<{ current: string; session: string }>(sql`select current_user as current, session_user as session`);
    expect(who).toEqual({ current: PORTAL_ROLE, session: PORTAL_ROLE });
    expect(await portalRoleProblems(portalUrl)).toEqual([]);
    expect(new URL(portalUrl).username).toBe(PORTAL_ROLE);
  });

  it("finds the owner's connection unfit to be the portal's", async () => {
    expect((await portalRoleProblems(testDatabaseUrl())).length).toBeGreaterThan(0);
  });

  it("sees no tenant's rows with no tenant set, even after RESET ROLE", async () => {
    const [all] = await db.execute<{ n: number }>(sql`select count(*)::int as n from orders`);
    expect(all!.n).toBeGreaterThan(0);
    const seen = await onOwnConnection(async (c) => {
      await c`reset role`;
      await c`reset session authorization`;
      return c<{ n: number; who: string }[]>`select count(*)::int as n, current_user as who from orders`;
    });
    expect(seen[0]).toEqual({ n: 0, who: PORTAL_ROLE });
  });

  it("cannot SET ROLE or SET SESSION AUTHORIZATION to the owner", async () => {
    await onOwnConnection(async (c) => {
      expect(await failureOf(c.unsafe(`set role "${ownerName}"`))).toBe("42501");
      expect(await failureOf(c.unsafe(`set session authorization "${ownerName}"`))).toBe("42501");
      expect(await failureOf(c.unsafe(`select set_config('role', '${ownerName}', false)`))).toBe("42501");
      const [who] = await c<{ who: string }[]>`select current_user as who`;
      expect(who!.who).toBe(PORTAL_ROLE);
    });
  });

  it("cannot turn row security off: the query is refused rather than run unfiltered", async () => {
    await onOwnConnection(async (c) => {
      await c`set row_security = off`;
      expect(await failureOf(c`select count(*) from orders`)).toBe("42501");
      await c`reset row_security`;
    });
  });

  it("sees a tenant's own rows through tenantCtx on its own connection", async () => {
    const dealer = tenantCtx(portal, await actorOf(db, "buyer@demo.cn"));
    const orgs = await dealer.db.execute<{ organization_id: string }>(sql`select organization_id from orders`);
    expect(orgs.length).toBeGreaterThan(0);
    expect(new Set(orgs.map((r) => r.organization_id))).toEqual(new Set([dealer.actor.organizationId]));
  });
});
