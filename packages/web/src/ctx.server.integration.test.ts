import { eq, sql } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { orders, type Database, type DatabaseOrTransaction } from "@cs/db";
import { requestContext, type Audience } from "@cs/auth/server";
import type { Actor } from "@cs/domain";
import { actorOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createConfirmedOrder, createProduct } from "@cs/testing/orders";
import { testDatabaseUrl, testDb } from "../../../tests/db";
import { actorCtx, domainCtx } from "./ctx.server";

/** The domain context every signed-in route builds: who acts, on which pool, under which row-level security. */

let db: Database;
let dealer: Actor;
let staff: Actor;

beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  process.env.SESSION_SECRET = "integration-test-secret-of-32-characters";
  db = testDb();
  await seedDemoData(db);
  // orders of three buyers, so a filter that leaks or over-restricts shows
  const product = await createProduct(db, "CTX-1", 10_000n);
  for (const code of ["DL-0001", "DL-0002", "DL-0003"])
    await createConfirmedOrder(db, { organizationId: (await orgByCode(db, code)).id, lines: [{ productId: product, quantity: 1, unitPriceFen: 10_000n }] });
  [dealer, staff] = await Promise.all([actorOf(db, "dealer@demo.cn"), actorOf(db, "orderdesk@demo.cn")]);
});

function contextOf(audience: Audience, actor: Actor | null, sessionExpired = false) {
  const context = new RouterContextProvider();
  context.set(requestContext, { audience, db, ip: "10.0.0.1", nonce: "n", csrfToken: "t", actor, sessionToken: null, sessionExpired });
  return context;
}

const orgsSeen = async (ctxDb: DatabaseOrTransaction) =>
  (await ctxDb.select({ org: orders.organizationId, n: sql<number>`count(*)::int` }).from(orders).groupBy(orders.organizationId)).map((r) => r.org);

describe("domainCtx", () => {
  it("sends a visitor without a session to sign in, back to where they were, saying when a session expired", () => {
    const request = new Request("http://portal.test/orders?page=2");
    const thrown = (expired: boolean) => {
      try {
        domainCtx(contextOf("portal", null, expired), request);
      } catch (e) {
        return e as Response;
      }
      throw new Error("expected a redirect");
    };
    expect(thrown(false).headers.get("Location")).toBe("/login?redirectTo=%2Forders%3Fpage%3D2");
    expect(thrown(true).headers.get("Location")).toBe("/login?redirectTo=%2Forders%3Fpage%3D2&expired=1");
  });

  it("runs a partner's portal queries under row-level security: raw reads of orders see its own company's only", async () => {
    const ctx = domainCtx(contextOf("portal", dealer), new Request("http://portal.test/orders"));
    expect(ctx.actor).toBe(dealer);
    const seen = await orgsSeen(ctx.db);
    const [{ n: own } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.organizationId, dealer.organizationId!));
    const [{ n: all } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(orders);
    expect(own).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(own);
    expect(seen).toEqual([dealer.organizationId]);
  });

  it("gives staff the unrestricted pool: every buyer's orders", async () => {
    const ctx = actorCtx(contextOf("backoffice", staff), staff);
    const [{ n: buyers } = { n: 0 }] = await db.select({ n: sql<number>`count(distinct organization_id)::int` }).from(orders);
    expect(buyers).toBeGreaterThanOrEqual(3);
    expect((await orgsSeen(ctx.db)).length).toBe(buyers);
  });
});
