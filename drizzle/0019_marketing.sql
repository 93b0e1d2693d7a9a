CREATE TYPE "public"."budget_category" AS ENUM('venue', 'materials', 'advertising', 'gifts', 'staff', 'other');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'approved', 'running', 'closed');--> statement-breakpoint
CREATE TYPE "public"."campaign_type" AS ENUM('trade_show', 'roadshow', 'promotion', 'online', 'co_marketing', 'training');--> statement-breakpoint
CREATE TYPE "public"."fund_application_status" AS ENUM('submitted', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."fund_claim_status" AS ENUM('submitted', 'returned', 'approved');--> statement-breakpoint
ALTER TYPE "public"."rebate_ledger_kind" ADD VALUE 'fund_credit';--> statement-breakpoint
CREATE TABLE "budget_pools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"division_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"planned_fen" bigint NOT NULL,
	"committed_fen" bigint DEFAULT 0 NOT NULL,
	"spent_fen" bigint DEFAULT 0 NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_pools_quarter" CHECK ("budget_pools"."quarter" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "budget_pools_amounts" CHECK ("budget_pools"."planned_fen" > 0 and "budget_pools"."committed_fen" >= 0 and "budget_pools"."spent_fen" >= 0 and "budget_pools"."committed_fen" <= "budget_pools"."planned_fen")
);
--> statement-breakpoint
CREATE TABLE "campaign_budget_lines" (
	"campaign_id" uuid NOT NULL,
	"category" "budget_category" NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "campaign_budget_lines_amount" CHECK ("campaign_budget_lines"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "campaign_spends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"category" "budget_category" NOT NULL,
	"amount_fen" bigint NOT NULL,
	"spent_on" date NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_spends_amount" CHECK ("campaign_spends"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"type" "campaign_type" NOT NULL,
	"division_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"pool_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"owner_id" uuid NOT NULL,
	"goal" text NOT NULL,
	"status" "campaign_status" DEFAULT 'draft' NOT NULL,
	"planned_fen" bigint NOT NULL,
	"spent_fen" bigint DEFAULT 0 NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_dates" CHECK ("campaigns"."ends_on" >= "campaigns"."starts_on"),
	CONSTRAINT "campaigns_amounts" CHECK ("campaigns"."planned_fen" > 0 and "campaigns"."spent_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fund_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"owner_branch_id" uuid,
	"pool_id" uuid NOT NULL,
	"campaign_id" uuid,
	"activity" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"requested_fen" bigint NOT NULL,
	"expected_result" text NOT NULL,
	"status" "fund_application_status" DEFAULT 'submitted' NOT NULL,
	"approved_fen" bigint,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"claim_due_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_applications_dates" CHECK ("fund_applications"."ends_on" >= "fund_applications"."starts_on" and "fund_applications"."claim_due_on" >= "fund_applications"."ends_on"),
	CONSTRAINT "fund_applications_amounts" CHECK ("fund_applications"."requested_fen" > 0 and ("fund_applications"."approved_fen" is null or ("fund_applications"."approved_fen" > 0 and "fund_applications"."approved_fen" <= "fund_applications"."requested_fen")))
);
--> statement-breakpoint
CREATE TABLE "fund_claim_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"stored_path" text NOT NULL,
	"original_name" text NOT NULL,
	"mime" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"application_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"owner_branch_id" uuid,
	"claimed_fen" bigint NOT NULL,
	"description" text NOT NULL,
	"status" "fund_claim_status" DEFAULT 'submitted' NOT NULL,
	"approved_fen" bigint,
	"decision_comment" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_claims_amounts" CHECK ("fund_claims"."claimed_fen" > 0 and ("fund_claims"."approved_fen" is null or ("fund_claims"."approved_fen" > 0 and "fund_claims"."approved_fen" <= "fund_claims"."claimed_fen")))
);
--> statement-breakpoint
ALTER TABLE "rebate_ledger" ADD COLUMN "fund_claim_id" uuid;--> statement-breakpoint
ALTER TABLE "budget_pools" ADD CONSTRAINT "budget_pools_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_pools" ADD CONSTRAINT "budget_pools_branch_id_organizations_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_pools" ADD CONSTRAINT "budget_pools_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_budget_lines" ADD CONSTRAINT "campaign_budget_lines_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_spends" ADD CONSTRAINT "campaign_spends_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_spends" ADD CONSTRAINT "campaign_spends_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_branch_id_organizations_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_pool_id_budget_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."budget_pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_owner_branch_id_organizations_id_fk" FOREIGN KEY ("owner_branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_pool_id_budget_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."budget_pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_applications" ADD CONSTRAINT "fund_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_claim_files" ADD CONSTRAINT "fund_claim_files_claim_id_fund_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."fund_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_claim_files" ADD CONSTRAINT "fund_claim_files_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_claims" ADD CONSTRAINT "fund_claims_application_id_fund_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."fund_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_claims" ADD CONSTRAINT "fund_claims_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_claims" ADD CONSTRAINT "fund_claims_owner_branch_id_organizations_id_fk" FOREIGN KEY ("owner_branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_claims" ADD CONSTRAINT "fund_claims_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_claims" ADD CONSTRAINT "fund_claims_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "budget_pools_division_id_branch_id_quarter_idx" ON "budget_pools" USING btree ("division_id","branch_id","quarter");--> statement-breakpoint
CREATE INDEX "budget_pools_quarter_idx" ON "budget_pools" USING btree ("quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_budget_lines_campaign_id_category_idx" ON "campaign_budget_lines" USING btree ("campaign_id","category");--> statement-breakpoint
CREATE INDEX "campaign_spends_campaign_id_created_at_idx" ON "campaign_spends" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_number_idx" ON "campaigns" USING btree ("number");--> statement-breakpoint
CREATE INDEX "campaigns_branch_id_starts_on_idx" ON "campaigns" USING btree ("branch_id","starts_on");--> statement-breakpoint
CREATE INDEX "campaigns_status_starts_on_idx" ON "campaigns" USING btree ("status","starts_on");--> statement-breakpoint
CREATE INDEX "campaigns_pool_id_idx" ON "campaigns" USING btree ("pool_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_applications_number_idx" ON "fund_applications" USING btree ("number");--> statement-breakpoint
CREATE INDEX "fund_applications_organization_id_created_at_idx" ON "fund_applications" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "fund_applications_status_created_at_idx" ON "fund_applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "fund_applications_pool_id_idx" ON "fund_applications" USING btree ("pool_id");--> statement-breakpoint
CREATE INDEX "fund_claim_files_claim_id_idx" ON "fund_claim_files" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_claims_number_idx" ON "fund_claims" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_claims_application_id_idx" ON "fund_claims" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "fund_claims_organization_id_created_at_idx" ON "fund_claims" USING btree ("organization_id","created_at");--> statement-breakpoint
ALTER TABLE "rebate_ledger" ADD CONSTRAINT "rebate_ledger_fund_claim_id_fund_claims_id_fk" FOREIGN KEY ("fund_claim_id") REFERENCES "public"."fund_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rebate_ledger_fund_credit_idx" ON "rebate_ledger" USING btree ("fund_claim_id") WHERE "rebate_ledger"."fund_claim_id" is not null;--> statement-breakpoint
-- hand-written below
-- Row-level security on the co-marketing fund tables the portal reaches (as drizzle/0016 and 0017): a
-- partner's connection sees only its own organization's applications, claims and proof files; every
-- other connection (back-office, worker, migrations) goes through the *_unrestricted policy.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['fund_applications', 'fund_claims', 'fund_claim_files'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I USING (current_user <> 'cs_portal') WITH CHECK (current_user <> 'cs_portal')$p$,
                   t || '_unrestricted', t);
    EXECUTE format($p$CREATE POLICY %I ON %I TO cs_portal
                        USING (organization_id = cs_tenant('organization_id'))
                        WITH CHECK (organization_id = cs_tenant('organization_id'))$p$, t || '_tenant', t);
  END LOOP;
END $$;
