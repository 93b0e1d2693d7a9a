import { sql } from "drizzle-orm";
import type { Database, DatabaseOrTransaction } from "@cs/db";
import { surveyCare } from "../satisfaction/open";
import { shanghaiToday } from "../shared/dates";

/**
 * Customer care (客户关怀), run by the worker (docs/decisions/030). Each rule is one set-based
 * statement that first claims its occasions in `care_events` (unique per rule, subject and
 * occasion) and acts only on the rows it claimed: a second run the same day, or a run resumed after
 * a crash, finds them claimed and sends nothing twice. Claim and actions commit together.
 */
export async function runCareRules(db: Database, today = shanghaiToday()): Promise<{ birthdays: number; dormant: number; surveys: number }> {
  return db.transaction(async (tx) => {
    const birthdays = await birthdayCare(tx, today);
    const dormant = await dormantCare(tx, today);
    // satisfaction surveys (docs/decisions/038): CSAT after deliveries and closed repairs, NPS each quarter
    const s = await surveyCare(tx, today);
    return { birthdays, dormant, surveys: s.deliveries + s.repairs + s.nps };
  });
}

/**
 * Contacts of an active, owned account whose birthday is today (29 February on the 28th in other
 * years): a task for the account owner, due at the end of the day, and a greeting e-mail to the
 * contact when it has an address. Occasion: today.
 */
export async function birthdayCare(db: DatabaseOrTransaction, today: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    with due as (
      select c.id as contact_id, c.name, c.email, c.organization_id, o.name as organization, o.account_owner_id as owner_id
        from contacts c join organizations o on o.id = c.organization_id
       where c.birthday is not null and o.account_owner_id is not null and o.status = 'active'
         and (to_char(c.birthday, 'MM-DD') = to_char(${today}::date, 'MM-DD')
              or (to_char(c.birthday, 'MM-DD') = '02-29' and to_char(${today}::date, 'MM-DD') = '02-28'
                  and extract(day from (date_trunc('year', ${today}::date) + interval '2 months' - interval '1 day')) = 28))
    ), claimed as (
      insert into care_events (rule, subject_id, occasion, organization_id)
      select 'birthday', contact_id, ${today}::date, organization_id from due
      on conflict do nothing
      returning subject_id
    ), fresh as (
      select d.* from due d join claimed c on c.subject_id = d.contact_id
    ), tasks as (
      insert into relationship_tasks (organization_id, title, due_at, assignee_id, created_by)
      select organization_id, '生日关怀 / Birthday: ' || name, ((${today}::date + 1)::timestamp at time zone 'Asia/Shanghai'), owner_id, owner_id
        from fresh
    ), mails as (
      insert into email_outbox (to_address, locale, template, params)
      select email, 'zh-CN', 'care.birthday',
             jsonb_build_object('name', name, 'organization', organization, 'entityType', 'contact', 'entityId', contact_id)
        from fresh where email like '%_@_%'
    )
    select count(*)::int as n from fresh`);
  return row?.n ?? 0;
}

/**
 * Partners with at least three orders (neither cancelled nor rejected) whose last order is older than twice their own usual interval
 * (the mean gap between their orders): an in-app alert to the account owner, and an e-mail when its
 * login is an address. Occasion: the day of the last order, so a dormant spell alerts once, and again
 * only after a new order and a new silence.
 */
export async function dormantCare(db: DatabaseOrTransaction, today: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    with gaps as (
      select o.organization_id, o.submitted_at,
             o.submitted_at - lag(o.submitted_at) over (partition by o.organization_id order by o.submitted_at) as gap
        from orders o where o.status not in ('cancelled', 'rejected')
    ), cadence as (
      select organization_id, max(submitted_at) as last_at, avg(gap) as usual, count(*) as n from gaps group by organization_id
    ), due as (
      select c.organization_id, c.last_at, c.usual, o.name, o.account_owner_id as owner_id
        from cadence c join organizations o on o.id = c.organization_id
       where c.n >= 3 and o.account_owner_id is not null and o.status = 'active'
         and o.kind in ('master_distributor', 'agent', 'dealer', 'key_account')
         -- a partner ordering several times a day is "usually" daily: no alert after an afternoon's silence
         and ((${today}::date + 1)::timestamp at time zone 'Asia/Shanghai') - c.last_at > 2 * greatest(c.usual, interval '1 day')
    ), claimed as (
      insert into care_events (rule, subject_id, occasion, organization_id)
      select 'dormant', organization_id, (last_at at time zone 'Asia/Shanghai')::date, organization_id from due
      on conflict do nothing
      returning subject_id
    ), fresh as (
      select d.*, jsonb_build_object('name', d.name, 'entityType', 'organization', 'entityId', d.organization_id,
             'days', extract(day from ((${today}::date + 1)::timestamp at time zone 'Asia/Shanghai') - d.last_at)::int,
             'usual', greatest(1, round(extract(epoch from d.usual) / 86400))::int) as params
        from due d join claimed c on c.subject_id = d.organization_id
    ), notices as (
      insert into notifications (user_id, kind, entity_type, entity_id, params)
      select f.owner_id, 'care.dormant', 'organization', f.organization_id, f.params from fresh f
        join users u on u.id = f.owner_id and u.status = 'active'
    ), mails as (
      insert into email_outbox (to_address, locale, template, params)
      select u.login, coalesce(u.locale, 'zh-CN'), 'care.dormant', f.params from fresh f
        join users u on u.id = f.owner_id and u.status = 'active' where u.login like '%_@_%'
    )
    select count(*)::int as n from fresh`);
  return row?.n ?? 0;
}
