import { sql, type SQL } from "drizzle-orm";
import { executePrepared, type Transaction } from "@cs/db";
import { roleNames, roles, type Permission, type Role } from "../access/permissions";
import { hasKey } from "../shared/keys";
import { pgArray } from "../shared/pg-array";

/** Roles of an audience that hold a permission, computed once from the role table. */
function rolesWith(permission: Permission, audience: "partner" | "staff"): Role[] {
  return roleNames.filter((r) => roles[r].audience === audience && (roles[r].permissions as readonly Permission[]).includes(permission));
}

const buyerRoles = pgArray(rolesWith("own_order:read", "partner"));
const deskRoles = pgArray(["order_desk"]);

/**
 * Who hears about a change: partner users of an organization holding a permission, staff with one of
 * some roles who work in a branch (or anywhere: `staffRoles`), an end customer's own users, or named users.
 */
export type Audience =
  | { organizationId: string; permission: Permission }
  | { branchId: string | null; roles: Role[] }
  | { staffRoles: Role[] }
  | { endCustomerId: string }
  | { userIds: string[] };

export type NotifyInput = {
  audiences: Audience[];
  kind: string;
  entityType: string;
  entityId: string;
  params?: Record<string, string | number | null>;
  /** Left out of the recipients (usually the actor, who knows what they just did). */
  exceptUserId?: string | null;
  /** Also queue an e-mail for recipients whose login is an e-mail address; default true. */
  email?: boolean;
};

/** One select of (id, login, locale) per audience, unioned below. */
function audienceQuery(a: Audience): SQL {
  if (hasKey(a, "userIds")) {
    return sql`select u.id, u.login, u.locale from users u where u.id = any(${pgArray(a.userIds)}::uuid[]) and u.status = 'active'`;
  }
  if (hasKey(a, "organizationId")) {
    return sql`select u.id, u.login, u.locale from users u
      where u.organization_id = ${a.organizationId}::uuid and u.kind = 'partner' and u.status = 'active'
        and exists (select 1 from user_roles ur where ur.user_id = u.id and ur.role = any(${pgArray(rolesWith(a.permission, "partner"))}::text[]))`;
  }
  if (hasKey(a, "staffRoles")) {
    return sql`select u.id, u.login, u.locale from users u
      where u.kind = 'staff' and u.status = 'active'
        and exists (select 1 from user_roles ur where ur.user_id = u.id and ur.role = any(${pgArray(a.staffRoles)}::text[]))`;
  }
  if (hasKey(a, "endCustomerId")) {
    return sql`select u.id, u.login, u.locale from users u
      where u.end_customer_id = ${a.endCustomerId}::uuid and u.kind = 'customer' and u.status = 'active'`;
  }
  if (!a.branchId) return sql`select null::uuid as id, null::text as login, null::text as locale where false`;
  // Staff limited to divisions may not see this branch's record at all (docs/decisions/028): a branch
  // notice does not know the record's division, so it leaves them out rather than hint at it.
  return sql`select u.id, u.login, u.locale from user_branches ub join users u on u.id = ub.user_id
      where ub.branch_id = ${a.branchId}::uuid and u.kind = 'staff' and u.status = 'active'
        and exists (select 1 from user_roles ur where ur.user_id = u.id and ur.role = any(${pgArray(a.roles)}::text[]))
        and not exists (select 1 from user_divisions ud where ud.user_id = u.id)`;
}

/**
 * In-app notices for an audience, plus an e-mail in the outbox for each recipient whose login is an
 * e-mail address, in one statement inside the caller's transaction: the notice exists exactly when
 * the change it announces commits. The worker sends the e-mails later.
 */
export async function notify(tx: Transaction, input: NotifyInput): Promise<void> {
  if (input.audiences.length === 0) return;
  const union = sql.join(input.audiences.map(audienceQuery), sql` union `);
  const params = JSON.stringify({ ...(input.params ?? {}), entityType: input.entityType, entityId: input.entityId });
  const email = input.email ?? true;
  await tx.execute(sql`
    with r as (
      select distinct id, login, locale from (${union}) a where id is distinct from ${input.exceptUserId ?? null}::uuid
    ), n as (
      insert into notifications (user_id, kind, entity_type, entity_id, params)
      select id, ${input.kind}, ${input.entityType}, ${input.entityId}, ${params}::jsonb from r
    )
    insert into email_outbox (to_address, locale, template, params)
    select login, coalesce(locale, 'zh-CN'), ${input.kind}, ${params}::jsonb from r
     where ${email} and login like '%_@_%'`);
}

/**
 * Announces an order's state change to the buyer's users who may read its orders and to the order
 * desk of the buyer's owner branch, leaving out the actor. One prepared statement reading the order
 * itself, so callers pass only its id; it runs inside order placement, which is benchmarked.
 * Notice kind `order.<event>`; params carry the order number and the event.
 */
export async function notifyOrderEvent(tx: Transaction, input: { orderId: string; event: string; actorId: string | null }): Promise<void> {
  await executePrepared(tx, orderEventStatement(input));
}

/** The statement behind notifyOrderEvent, exported so benchmarks can EXPLAIN what runs. */
export function orderEventStatement(input: { orderId: string; event: string; actorId: string | null }): SQL {
  return sql`
    with o as (
      select id, number, organization_id, owner_branch_id from orders where id = ${input.orderId}::uuid
    ), r as (
      select u.id, u.login, u.locale from o join users u on u.organization_id = o.organization_id
       where u.kind = 'partner' and u.status = 'active'
         and exists (select 1 from user_roles ur where ur.user_id = u.id and ur.role = any(${buyerRoles}::text[]))
      union
      select u.id, u.login, u.locale from o join user_branches ub on ub.branch_id = o.owner_branch_id join users u on u.id = ub.user_id
       where u.kind = 'staff' and u.status = 'active'
         and exists (select 1 from user_roles ur where ur.user_id = u.id and ur.role = any(${deskRoles}::text[]))
         -- a desk limited to divisions hears of orders with a line of its divisions only (docs/decisions/028)
         and (not exists (select 1 from user_divisions ud where ud.user_id = u.id)
              or exists (select 1 from user_divisions ud join product_lines pl on pl.division_id = ud.division_id
                           join products p on p.product_line_id = pl.id join order_lines l on l.product_id = p.id
                          where ud.user_id = u.id and l.order_id = o.id))
    ), rr as (
      select r.id, r.login, r.locale, jsonb_build_object('number', o.number, 'event', ${input.event}::text,
             'entityType', 'order', 'entityId', o.id::text) as params
        from r cross join o where r.id is distinct from ${input.actorId}::uuid
    ), n as (
      insert into notifications (user_id, kind, entity_type, entity_id, params)
      select id, 'order.' || ${input.event}::text, 'order', params->>'entityId', params from rr
    )
    insert into email_outbox (to_address, locale, template, params)
    select login, coalesce(locale, 'zh-CN'), 'order.' || ${input.event}::text, params from rr where login like '%_@_%'`;
}
