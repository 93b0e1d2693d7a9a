import { sql, type SQL } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db";

/** How long a CSAT link may be answered after it is sent; an NPS survey runs to its quarter's end. */
export const CSAT_DAYS = 14;
/** Deliveries and closed repairs older than this are not surveyed any more (the pass's window). */
const LOOKBACK_DAYS = 7;

/**
 * A fresh link token: 32 bytes from two random v4 UUIDs (244 random bits, drawn from the server's
 * strong random source) in base64url, the shape of an invitation token. Only its SHA-256 is stored.
 */
const newToken = sql`rtrim(translate(encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'base64'), '+/', '-_'), '=')`;
const hashOf = (token: SQL) => sql`encode(sha256(convert_to(${token}, 'UTF8')), 'hex')`;

/**
 * The columns every `due` query of {@link openSurveys} returns: the survey's subject and party,
 * whom the link goes to, until when, and what the results group by.
 */
type Due = SQL;

function deliveriesDue(shipmentId: string | null): Due {
  return sql`
    select 'delivery'::survey_kind as kind, s.id as subject_id, ''::text as period, s.organization_id, null::uuid as end_customer_id,
           s.order_id, null::uuid as repair_request_id, ru.id as respondent_user_id, ru.login, ru.locale,
           now() + make_interval(days => ${CSAT_DAYS}) as expires_at, s.owner_branch_id as branch_id, null::uuid as station_id,
           line.product_line_id, line.division_id, org.account_owner_id as owner_id, o.number
      from shipments s
      join orders o on o.id = s.order_id
      join organizations org on org.id = s.organization_id
      left join users ru on ru.id = o.placed_by and ru.status = 'active' and ru.kind = 'partner'
      left join lateral (
        select p.product_line_id, pl.division_id from shipment_lines sl join products p on p.id = sl.product_id
          join product_lines pl on pl.id = p.product_line_id
         where sl.shipment_id = s.id order by sl.quantity desc, sl.id limit 1
      ) line on true
     where s.status = 'delivered'
       and ${shipmentId ? sql`s.id = ${shipmentId}::uuid` : sql`s.delivered_at > now() - make_interval(days => ${LOOKBACK_DAYS})`}`;
}

/** The filer answers (the dealer's user who filed, else the customer's own login). */
function repairsDue(requestId: string | null): Due {
  return sql`
    select 'repair'::survey_kind as kind, r.id as subject_id, ''::text as period, r.organization_id, r.end_customer_id,
           null::uuid as order_id, r.id as repair_request_id, ru.id as respondent_user_id, ru.login, ru.locale,
           now() + make_interval(days => ${CSAT_DAYS}) as expires_at, coalesce(d.owner_branch_id, st.owner_branch_id) as branch_id,
           r.station_id, p.product_line_id, r.division_id, d.account_owner_id as owner_id, r.number
      from repair_requests r
      join products p on p.id = r.product_id
      left join organizations d on d.id = r.organization_id
      left join organizations st on st.id = r.station_id
      left join lateral (
        select u.id, u.login, u.locale from users u
         where u.status = 'active' and (u.id = r.filed_by or (u.kind = 'customer' and u.end_customer_id = r.end_customer_id))
         order by (u.id = r.filed_by) desc, u.created_at limit 1
      ) ru on true
     where r.status = 'closed'
       and ${requestId ? sql`r.id = ${requestId}::uuid` : sql`r.closed_at > now() - make_interval(days => ${LOOKBACK_DAYS})`}`;
}

/**
 * Every active channel partner once a quarter (`period` 2026-Q4), answered by its first partner
 * administrator, open until the quarter ends.
 */
function npsDue(today: string): Due {
  return sql`
    with q as (select date_trunc('quarter', ${today}::date)::date as starts)
    select 'nps'::survey_kind as kind, o.id as subject_id, to_char(q.starts, 'YYYY-"Q"Q') as period, o.id as organization_id,
           null::uuid as end_customer_id, null::uuid as order_id, null::uuid as repair_request_id,
           ru.id as respondent_user_id, ru.login, ru.locale,
           ((q.starts + interval '3 months')::timestamp at time zone 'Asia/Shanghai') as expires_at,
           o.owner_branch_id as branch_id, null::uuid as station_id, null::uuid as product_line_id, null::uuid as division_id,
           o.account_owner_id as owner_id, to_char(q.starts, 'YYYY-"Q"Q') as number
      from organizations o cross join q
      left join lateral (
        select u.id, u.login, u.locale from users u
         where u.organization_id = o.id and u.kind = 'partner' and u.status = 'active'
           and exists (select 1 from user_roles ur where ur.user_id = u.id and ur.role = 'partner_admin')
         order by u.created_at, u.id limit 1
      ) ru on true
     where o.status = 'active' and o.kind in ('master_distributor', 'agent', 'dealer', 'key_account')`;
}

/**
 * Opens the surveys `due` selects that do not exist yet, in one statement: claims them by the unique
 * (kind, subject, period) with `on conflict do nothing`, and queues the e-mail with its link only
 * for the rows it just claimed and a respondent whose login is an address (`mail`). A second run,
 * or two at once, find them claimed and send nothing twice (docs/decisions/038).
 */
async function openSurveys(db: DatabaseOrTransaction, due: Due, mail: boolean): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    with due as (${due}),
    tok as materialized (select d.*, case when d.respondent_user_id is not null then ${newToken} end as token from due d),
    claimed as (
      insert into surveys (kind, subject_id, period, organization_id, end_customer_id, order_id, repair_request_id, respondent_user_id,
                           token_hash, expires_at, branch_id, station_id, product_line_id, division_id, owner_id)
      select kind, subject_id, period, organization_id, end_customer_id, order_id, repair_request_id, respondent_user_id,
             ${hashOf(sql`token`)}, expires_at, branch_id, station_id, product_line_id, division_id, owner_id
        from tok
      on conflict do nothing
      returning id, kind, subject_id, period
    ), mails as (
      insert into email_outbox (to_address, locale, template, params)
      select t.login, coalesce(t.locale, 'zh-CN'), 'survey.' || t.kind::text,
             jsonb_build_object('number', t.number, 'surveyToken', t.token, 'entityType', 'survey', 'entityId', c.id)
        from tok t join claimed c on c.kind = t.kind and c.subject_id = t.subject_id and c.period = t.period
       where ${mail} and t.token is not null and t.login like '%_@_%'
    )
    select count(*)::int as n from claimed`);
  return row?.n ?? 0;
}

/** The survey pass of the care run: CSAT for the last days' deliveries and closed repairs, NPS for the quarter. */
export async function surveyCare(db: DatabaseOrTransaction, today: string): Promise<{ deliveries: number; repairs: number; nps: number }> {
  const deliveries = await openSurveys(db, deliveriesDue(null), true);
  const repairs = await openSurveys(db, repairsDue(null), true);
  const nps = await openSurveys(db, npsDue(today), true);
  return { deliveries, repairs, nps };
}

/** A closed repair's survey when its filer answers in the portal before the pass has opened it (no e-mail). */
export function openRepairSurvey(db: DatabaseOrTransaction, requestId: string): Promise<number> {
  return openSurveys(db, repairsDue(requestId), false);
}

/** A delivered shipment's survey, opened at once (tests and the demo seed; the pass does it otherwise). */
export function openDeliverySurvey(db: DatabaseOrTransaction, shipmentId: string): Promise<number> {
  return openSurveys(db, deliveriesDue(shipmentId), true);
}
