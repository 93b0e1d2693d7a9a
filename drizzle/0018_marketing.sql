CREATE TYPE "public"."budget_category" AS ENUM('venue', 'materials', 'advertising', 'gifts', 'staff', 'other');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'approved', 'running', 'closed');--> statement-breakpoint
CREATE TYPE "public"."campaign_type" AS ENUM('trade_show', 'roadshow', 'promotion', 'online', 'co_marketing', 'training');--> statement-breakpoint
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
CREATE UNIQUE INDEX "budget_pools_division_id_branch_id_quarter_idx" ON "budget_pools" USING btree ("division_id","branch_id","quarter");--> statement-breakpoint
CREATE INDEX "budget_pools_quarter_idx" ON "budget_pools" USING btree ("quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_budget_lines_campaign_id_category_idx" ON "campaign_budget_lines" USING btree ("campaign_id","category");--> statement-breakpoint
CREATE INDEX "campaign_spends_campaign_id_created_at_idx" ON "campaign_spends" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_number_idx" ON "campaigns" USING btree ("number");--> statement-breakpoint
CREATE INDEX "campaigns_branch_id_starts_on_idx" ON "campaigns" USING btree ("branch_id","starts_on");--> statement-breakpoint
CREATE INDEX "campaigns_status_starts_on_idx" ON "campaigns" USING btree ("status","starts_on");--> statement-breakpoint
CREATE INDEX "campaigns_pool_id_idx" ON "campaigns" USING btree ("pool_id");