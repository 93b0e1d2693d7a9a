CREATE TYPE "public"."lead_event_kind" AS ENUM('captured', 'merged', 'assigned', 'unassigned', 'accepted', 'declined', 'expired', 'status', 'lost', 'converted');--> statement-breakpoint
CREATE TYPE "public"."lead_source" AS ENUM('landing', 'import', 'staff');--> statement-breakpoint
CREATE TYPE "public"."lead_status" AS ENUM('new', 'assigned', 'accepted', 'working', 'won', 'lost', 'returned');--> statement-breakpoint
CREATE TABLE "lead_captures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"lead_id" uuid,
	"outcome" text NOT NULL,
	"consent_text" text NOT NULL,
	"ip" "inet",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_captures_outcome" CHECK ("lead_captures"."outcome" in ('created', 'merged', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "lead_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid NOT NULL,
	"organization_id" uuid,
	"kind" "lead_event_kind" NOT NULL,
	"note" text,
	"data" jsonb,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"company" text,
	"mobile" text,
	"email" text,
	"credit_code" text,
	"province" text,
	"city" text,
	"interest" text,
	"source" "lead_source" NOT NULL,
	"campaign_id" uuid,
	"status" "lead_status" DEFAULT 'new' NOT NULL,
	"organization_id" uuid,
	"assigned_at" timestamp with time zone,
	"accept_by" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"next_step" text,
	"lost_reason" text,
	"competitor" text,
	"deal_registration_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leads_contact" CHECK ("leads"."mobile" is not null or "leads"."email" is not null or "leads"."credit_code" is not null),
	CONSTRAINT "leads_assignment" CHECK (("leads"."status" in ('new', 'returned')) = ("leads"."organization_id" is null)),
	CONSTRAINT "leads_assigned_deadline" CHECK ("leads"."status" <> 'assigned' or "leads"."accept_by" is not null)
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "lead_captures" ADD CONSTRAINT "lead_captures_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_captures" ADD CONSTRAINT "lead_captures_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_events" ADD CONSTRAINT "lead_events_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_events" ADD CONSTRAINT "lead_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_events" ADD CONSTRAINT "lead_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_deal_registration_id_deal_registrations_id_fk" FOREIGN KEY ("deal_registration_id") REFERENCES "public"."deal_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_captures_ip_created_at_idx" ON "lead_captures" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "lead_events_lead_id_created_at_idx" ON "lead_events" USING btree ("lead_id","created_at");--> statement-breakpoint
CREATE INDEX "lead_events_organization_id_kind_idx" ON "lead_events" USING btree ("organization_id","kind");--> statement-breakpoint
CREATE INDEX "leads_status_created_at_idx" ON "leads" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "leads_organization_id_status_idx" ON "leads" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "leads_mobile_idx" ON "leads" USING btree ("mobile") WHERE "leads"."mobile" is not null;--> statement-breakpoint
CREATE INDEX "leads_email_idx" ON "leads" USING btree ("email") WHERE "leads"."email" is not null;--> statement-breakpoint
CREATE INDEX "leads_credit_code_idx" ON "leads" USING btree ("credit_code") WHERE "leads"."credit_code" is not null;--> statement-breakpoint
CREATE INDEX "leads_accept_by_idx" ON "leads" USING btree ("accept_by") WHERE "leads"."status" = 'assigned';--> statement-breakpoint
CREATE INDEX "leads_campaign_id_idx" ON "leads" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_code_idx" ON "campaigns" USING btree ("code");--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_code" CHECK ("campaigns"."code" ~ '^[a-z0-9][a-z0-9-]{2,39}$');--> statement-breakpoint
-- hand-written below
-- Row-level security on the lead tables the portal reaches (as drizzle/0019 and 0021): a partner's
-- connection sees only the leads assigned to its organization and the events naming it; every other
-- connection (back-office, worker, migrations) goes through the *_unrestricted policy. The public
-- landing form runs on the portal's connection with no tenant: it may only add a pool lead from a
-- landing form and the capture or merge event of a pool-less note, which the *_capture policies allow.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['leads', 'lead_events'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I USING (current_user <> 'cs_portal') WITH CHECK (current_user <> 'cs_portal')$p$,
                   t || '_unrestricted', t);
    EXECUTE format($p$CREATE POLICY %I ON %I TO cs_portal
                        USING (organization_id = cs_tenant('organization_id'))
                        WITH CHECK (organization_id = cs_tenant('organization_id'))$p$, t || '_tenant', t);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE POLICY leads_capture ON leads FOR INSERT TO cs_portal
  WITH CHECK (organization_id IS NULL AND source = 'landing' AND status = 'new' AND created_by IS NULL);
--> statement-breakpoint
CREATE POLICY lead_events_capture ON lead_events FOR INSERT TO cs_portal
  WITH CHECK (organization_id IS NULL AND kind IN ('captured', 'merged') AND actor_id IS NULL);
--> statement-breakpoint
-- The live lead (not won or lost) a new one with this mobile, e-mail or credit code duplicates, the
-- oldest first; null when none. The landing form must find another partner's lead to merge into
-- without seeing it. Callers hold the keys' advisory locks.
CREATE FUNCTION cs_lead_duplicate(p_mobile text, p_email text, p_credit_code text) RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    SELECT l.id FROM leads l
     WHERE l.status NOT IN ('won', 'lost')
       AND (l.mobile = $1 OR l.email = $2 OR l.credit_code = $3)
     ORDER BY l.created_at, l.id
     LIMIT 1
  $$;
--> statement-breakpoint
-- A partner declining a lead assigned to it hands it back to the pool, which takes it out of its own
-- rows (the tenant policy's check refuses that). Only the tenant itself, or a connection with no
-- tenant at all (the back-office, the worker), may hand back its lead, and only while assigned.
CREATE FUNCTION cs_lead_hand_back(p_lead uuid, p_org uuid, p_at timestamptz) RETURNS integer LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    WITH done AS (
      UPDATE leads SET status = 'returned', organization_id = NULL, assigned_at = NULL, accept_by = NULL, updated_at = $3
       WHERE id = $1 AND organization_id = $2 AND status = 'assigned'
         AND (cs_tenant('organization_id') = $2 OR cs_tenant('organization_id') IS NULL)
      RETURNING 1)
    SELECT count(*)::int FROM done
  $$;
