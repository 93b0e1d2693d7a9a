import { sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db/client";

/**
 * A quarantine location (退货隔离区) beside every warehouse that has none in its branch, where
 * returned goods wait for inspection: code `QA-<warehouse code>`, same branch. Set-based and
 * idempotent, so it also serves databases seeded before returns existed.
 */
export async function seedQuarantineLocations(db: DatabaseOrTransaction) {
  await db.execute(sql`
    insert into stock_locations (code, kind, name_zh, name_en, branch_id)
    select 'QA-' || w.code, 'quarantine', w.name_zh || '退货隔离区', w.name_en || ' quarantine', w.branch_id
      from stock_locations w
     where w.kind = 'warehouse' and w.organization_id is null and w.active
       and not exists (select 1 from stock_locations q
                        where q.kind = 'quarantine' and q.branch_id is not distinct from w.branch_id and q.organization_id is null)
    on conflict (code) do nothing`);
}
