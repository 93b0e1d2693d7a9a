ALTER TABLE "leads" ADD COLUMN "reassign_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "leads_reassign_at_idx" ON "leads" USING btree ("reassign_at") WHERE "leads"."reassign_at" is not null;--> statement-breakpoint
-- A partner declining hands its lead back to the pool as before, now marked for the worker to pass
-- on to the next partner by the rule (reassign_at): the decliner's connection cannot see the other
-- partners' loads or the lead's history that the rule reads.
CREATE OR REPLACE FUNCTION cs_lead_hand_back(p_lead uuid, p_org uuid, p_at timestamptz) RETURNS integer LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    WITH done AS (
      UPDATE leads SET status = 'returned', organization_id = NULL, assigned_at = NULL, accept_by = NULL, reassign_at = $3, updated_at = $3
       WHERE id = $1 AND organization_id = $2 AND status = 'assigned'
         AND (cs_tenant('organization_id') = $2 OR cs_tenant('organization_id') IS NULL)
      RETURNING 1)
    SELECT count(*)::int FROM done
  $$;
