import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";
import { demoSignIns } from "@cs/seed";
import type { App } from "../urls";

/** A demo sign-in of the seed (or nobody), with what the matrix needs to pick its owned and foreign ids. */
export type Principal = {
  /** The login, or "anonymous". */
  name: string;
  app: App;
  kind: "staff" | "partner" | "customer" | "anonymous";
  orgId: string | null;
  endCustomerId: string | null;
  /** Branches of a branch-limited staff user; null when it sees all branches. */
  branchIds: string[] | null;
  /** A staff user limited to product divisions (user_divisions): which rows of its branches it owns is the division rule's, not the matrix's. */
  divisionLimited: boolean;
};

export const anonymous = (app: App): Principal => ({ name: "anonymous", app, kind: "anonymous", orgId: null, endCustomerId: null, branchIds: null, divisionLimited: false });

/** Every demo sign-in of `app` from the seed, plus an anonymous visitor. */
export async function principalsOf(db: Database, app: App): Promise<Principal[]> {
  const logins = demoSignIns.filter((s) => s.app === app).map((s) => s.login);
  const rows = await db.execute<{ login: string; kind: Principal["kind"]; organization_id: string | null; end_customer_id: string | null; branches: string[] | null; divisions: number }>(sql`
    select u.login, u.kind, u.organization_id::text, u.end_customer_id::text,
           (select array_agg(b.branch_id::text order by b.branch_id) from user_branches b where b.user_id = u.id) as branches,
           (select count(*)::int from user_divisions d where d.user_id = u.id) as divisions
      from users u where u.login in ${sql.raw(`(${logins.map((l) => `'${l}'`).join(",")})`)}`);
  const byLogin = new Map(rows.map((r) => [r.login, r]));
  return [
    anonymous(app),
    ...logins.map((login) => {
      const row = byLogin.get(login);
      if (!row) throw new Error(`demo sign-in ${login} is not in the e2e database`);
      return { name: login, app, kind: row.kind, orgId: row.organization_id, endCustomerId: row.end_customer_id, branchIds: row.branches?.length ? row.branches : null, divisionLimited: row.divisions > 0 };
    }),
  ];
}
