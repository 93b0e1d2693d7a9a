CREATE TYPE "public"."period_kind" AS ENUM('month', 'quarter', 'year');--> statement-breakpoint
CREATE TYPE "public"."price_protection_status" AS ENUM('draft', 'approved', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."rebate_basis" AS ENUM('invoiced', 'collected');--> statement-breakpoint
CREATE TYPE "public"."rebate_ledger_kind" AS ENUM('statement_credit', 'checkout_use', 'checkout_release', 'payout');--> statement-breakpoint
CREATE TYPE "public"."rebate_method" AS ENUM('retroactive', 'incremental');--> statement-breakpoint
CREATE TYPE "public"."rebate_program_status" AS ENUM('draft', 'active', 'archived');--> statement-breakpoint
CREATE TYPE "public"."rebate_run_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."rebate_statement_kind" AS ENUM('rebate', 'price_protection');--> statement-breakpoint
CREATE TYPE "public"."rebate_statement_status" AS ENUM('draft', 'approved', 'published', 'settled');--> statement-breakpoint
ALTER TYPE "public"."payment_method" ADD VALUE 'rebate';--> statement-breakpoint
CREATE TABLE "partner_month_stats" (
	"organization_id" uuid NOT NULL,
	"month" date NOT NULL,
	"division_id" uuid NOT NULL,
	"purchases_fen" bigint DEFAULT 0 NOT NULL,
	"returns_fen" bigint DEFAULT 0 NOT NULL,
	"payments_fen" bigint DEFAULT 0 NOT NULL,
	"due_fen" bigint DEFAULT 0 NOT NULL,
	"paid_on_time_fen" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_month_stats_organization_id_month_division_id_pk" PRIMARY KEY("organization_id","month","division_id")
);
--> statement-breakpoint
CREATE TABLE "partner_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"period_kind" "period_kind" NOT NULL,
	"period_start" date NOT NULL,
	"division_id" uuid,
	"amount_fen" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_targets_amount" CHECK ("partner_targets"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "price_protection_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"price_protection_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"unit_credit_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "price_protection_lines_amounts" CHECK ("price_protection_lines"."quantity" > 0 and "price_protection_lines"."amount_fen" = "price_protection_lines"."unit_credit_fen" * "price_protection_lines"."quantity")
);
--> statement-breakpoint
CREATE TABLE "price_protections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"product_id" uuid NOT NULL,
	"effective_date" date NOT NULL,
	"old_price_fen" bigint NOT NULL,
	"new_price_fen" bigint NOT NULL,
	"status" "price_protection_status" DEFAULT 'draft' NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_protections_prices" CHECK ("price_protections"."new_price_fen" >= 0 and "price_protections"."old_price_fen" > "price_protections"."new_price_fen")
);
--> statement-breakpoint
CREATE TABLE "rebate_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"source_statement_id" uuid NOT NULL,
	"credit_note_id" uuid,
	"amount_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"applied_statement_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rebate_balances" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"balance_fen" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rebate_balances_not_negative" CHECK ("rebate_balances"."balance_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rebate_ledger" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rebate_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"kind" "rebate_ledger_kind" NOT NULL,
	"amount_fen" bigint NOT NULL,
	"balance_after_fen" bigint NOT NULL,
	"statement_id" uuid,
	"order_id" uuid,
	"payment_id" uuid,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rebate_ledger_amount" CHECK ("rebate_ledger"."amount_fen" <> 0 and "rebate_ledger"."balance_after_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rebate_programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"status" "rebate_program_status" DEFAULT 'draft' NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"basis" "rebate_basis" NOT NULL,
	"method" "rebate_method" NOT NULL,
	"division_id" uuid,
	"product_line_id" uuid,
	"include_subtree" boolean DEFAULT false NOT NULL,
	"eligible_tiers" "partner_tier"[] DEFAULT '{}' NOT NULL,
	"eligible_branch_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"eligible_organization_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"tiers" jsonb NOT NULL,
	"multiplier_tiers" jsonb,
	"cap_fen" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rebate_programs_period" CHECK ("rebate_programs"."period_end" >= "rebate_programs"."period_start"),
	CONSTRAINT "rebate_programs_cap" CHECK ("rebate_programs"."cap_fen" is null or "rebate_programs"."cap_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "rebate_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"status" "rebate_run_status" DEFAULT 'queued' NOT NULL,
	"phase" text,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"statements_written" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"error" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rebate_statement_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"statement_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"kind" text NOT NULL,
	"basis_fen" bigint,
	"rate_bp" integer,
	"amount_fen" bigint NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rebate_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"kind" "rebate_statement_kind" NOT NULL,
	"program_id" uuid,
	"price_protection_id" uuid,
	"run_id" uuid,
	"organization_id" uuid NOT NULL,
	"owner_branch_id" uuid,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" "rebate_statement_status" DEFAULT 'draft' NOT NULL,
	"basis_fen" bigint DEFAULT 0 NOT NULL,
	"target_fen" bigint,
	"completion_bp" integer,
	"on_time_bp" integer,
	"tier_index" integer,
	"rate_bp" integer DEFAULT 0 NOT NULL,
	"multiplier_bp" integer DEFAULT 10000 NOT NULL,
	"calculated_fen" bigint DEFAULT 0 NOT NULL,
	"cap_applied" boolean DEFAULT false NOT NULL,
	"adjustments_fen" bigint DEFAULT 0 NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"calculated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"settled_by" uuid,
	"settled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "rebate_statements_source" CHECK (("rebate_statements"."program_id" is null) <> ("rebate_statements"."price_protection_id" is null))
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "rebate_applied_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "order_id" uuid;--> statement-breakpoint
ALTER TABLE "partner_month_stats" ADD CONSTRAINT "partner_month_stats_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_targets" ADD CONSTRAINT "partner_targets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_targets" ADD CONSTRAINT "partner_targets_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_targets" ADD CONSTRAINT "partner_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_protection_lines" ADD CONSTRAINT "price_protection_lines_price_protection_id_price_protections_id_fk" FOREIGN KEY ("price_protection_id") REFERENCES "public"."price_protections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_protection_lines" ADD CONSTRAINT "price_protection_lines_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_protections" ADD CONSTRAINT "price_protections_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_protections" ADD CONSTRAINT "price_protections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_protections" ADD CONSTRAINT "price_protections_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_adjustments" ADD CONSTRAINT "rebate_adjustments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_adjustments" ADD CONSTRAINT "rebate_adjustments_source_statement_id_rebate_statements_id_fk" FOREIGN KEY ("source_statement_id") REFERENCES "public"."rebate_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_adjustments" ADD CONSTRAINT "rebate_adjustments_credit_note_id_invoices_id_fk" FOREIGN KEY ("credit_note_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_adjustments" ADD CONSTRAINT "rebate_adjustments_applied_statement_id_rebate_statements_id_fk" FOREIGN KEY ("applied_statement_id") REFERENCES "public"."rebate_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_adjustments" ADD CONSTRAINT "rebate_adjustments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_balances" ADD CONSTRAINT "rebate_balances_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_ledger" ADD CONSTRAINT "rebate_ledger_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_ledger" ADD CONSTRAINT "rebate_ledger_statement_id_rebate_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."rebate_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_ledger" ADD CONSTRAINT "rebate_ledger_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_ledger" ADD CONSTRAINT "rebate_ledger_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_ledger" ADD CONSTRAINT "rebate_ledger_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_programs" ADD CONSTRAINT "rebate_programs_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_programs" ADD CONSTRAINT "rebate_programs_product_line_id_product_lines_id_fk" FOREIGN KEY ("product_line_id") REFERENCES "public"."product_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_programs" ADD CONSTRAINT "rebate_programs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_runs" ADD CONSTRAINT "rebate_runs_program_id_rebate_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."rebate_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_runs" ADD CONSTRAINT "rebate_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_statement_lines" ADD CONSTRAINT "rebate_statement_lines_statement_id_rebate_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."rebate_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_statements" ADD CONSTRAINT "rebate_statements_program_id_rebate_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."rebate_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_statements" ADD CONSTRAINT "rebate_statements_price_protection_id_price_protections_id_fk" FOREIGN KEY ("price_protection_id") REFERENCES "public"."price_protections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_statements" ADD CONSTRAINT "rebate_statements_run_id_rebate_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."rebate_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_statements" ADD CONSTRAINT "rebate_statements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_statements" ADD CONSTRAINT "rebate_statements_owner_branch_id_organizations_id_fk" FOREIGN KEY ("owner_branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_statements" ADD CONSTRAINT "rebate_statements_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_statements" ADD CONSTRAINT "rebate_statements_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rebate_statements" ADD CONSTRAINT "rebate_statements_settled_by_users_id_fk" FOREIGN KEY ("settled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_month_stats_month_idx" ON "partner_month_stats" USING btree ("month","division_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_targets_period_idx" ON "partner_targets" USING btree ("organization_id","period_kind","period_start",coalesce("division_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "partner_targets_period_start_idx" ON "partner_targets" USING btree ("period_kind","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "price_protection_lines_org_idx" ON "price_protection_lines" USING btree ("price_protection_id","organization_id");--> statement-breakpoint
CREATE INDEX "price_protection_lines_organization_id_idx" ON "price_protection_lines" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "price_protections_number_idx" ON "price_protections" USING btree ("number");--> statement-breakpoint
CREATE INDEX "price_protections_product_id_idx" ON "price_protections" USING btree ("product_id","effective_date");--> statement-breakpoint
CREATE UNIQUE INDEX "rebate_adjustments_credit_note_idx" ON "rebate_adjustments" USING btree ("source_statement_id","credit_note_id");--> statement-breakpoint
CREATE INDEX "rebate_adjustments_pending_idx" ON "rebate_adjustments" USING btree ("organization_id") WHERE "rebate_adjustments"."applied_statement_id" is null;--> statement-breakpoint
CREATE INDEX "rebate_ledger_organization_id_created_at_idx" ON "rebate_ledger" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rebate_ledger_statement_credit_idx" ON "rebate_ledger" USING btree ("statement_id") WHERE "rebate_ledger"."kind" = 'statement_credit';--> statement-breakpoint
CREATE UNIQUE INDEX "rebate_programs_code_idx" ON "rebate_programs" USING btree ("code");--> statement-breakpoint
CREATE INDEX "rebate_programs_period_idx" ON "rebate_programs" USING btree ("period_start","period_end");--> statement-breakpoint
CREATE INDEX "rebate_runs_program_id_created_at_idx" ON "rebate_runs" USING btree ("program_id","created_at");--> statement-breakpoint
CREATE INDEX "rebate_runs_queued_idx" ON "rebate_runs" USING btree ("created_at") WHERE "rebate_runs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "rebate_statement_lines_statement_id_line_no_idx" ON "rebate_statement_lines" USING btree ("statement_id","line_no");--> statement-breakpoint
CREATE UNIQUE INDEX "rebate_statements_number_idx" ON "rebate_statements" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "rebate_statements_program_org_idx" ON "rebate_statements" USING btree ("program_id","organization_id") WHERE "rebate_statements"."program_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "rebate_statements_protection_org_idx" ON "rebate_statements" USING btree ("price_protection_id","organization_id") WHERE "rebate_statements"."price_protection_id" is not null;--> statement-breakpoint
CREATE INDEX "rebate_statements_organization_id_period_idx" ON "rebate_statements" USING btree ("organization_id","period_end");--> statement-breakpoint
CREATE INDEX "rebate_statements_status_idx" ON "rebate_statements" USING btree ("status","owner_branch_id");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payments_order_id_idx" ON "payments" USING btree ("order_id") WHERE "payments"."order_id" is not null;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_rebate_applied" CHECK ("orders"."rebate_applied_fen" between 0 and "orders"."total_fen");