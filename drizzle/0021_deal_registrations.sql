CREATE TYPE "public"."deal_registration_status" AS ENUM('submitted', 'approved', 'rejected');--> statement-breakpoint
CREATE TABLE "deal_registration_lines" (
	"registration_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "deal_registration_lines_quantity" CHECK ("deal_registration_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "deal_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"owner_branch_id" uuid,
	"customer_name" text NOT NULL,
	"customer_credit_code" text NOT NULL,
	"product_line_id" uuid NOT NULL,
	"expected_close_on" date NOT NULL,
	"competitor" text,
	"note" text,
	"status" "deal_registration_status" DEFAULT 'submitted' NOT NULL,
	"protected_from" date,
	"protected_until" date,
	"special_price_reason" text,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_registrations_protection" CHECK ("deal_registrations"."status" <> 'approved' or ("deal_registrations"."protected_from" is not null and "deal_registrations"."protected_until" >= "deal_registrations"."protected_from"))
);
--> statement-breakpoint
CREATE TABLE "deal_special_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"quantity_used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "deal_special_prices_amounts" CHECK ("deal_special_prices"."unit_price_fen" > 0 and "deal_special_prices"."quantity" > 0 and "deal_special_prices"."quantity_used" >= 0 and "deal_special_prices"."quantity_used" <= "deal_special_prices"."quantity")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "deal_registration_id" uuid;--> statement-breakpoint
ALTER TABLE "deal_registration_lines" ADD CONSTRAINT "deal_registration_lines_registration_id_deal_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."deal_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registration_lines" ADD CONSTRAINT "deal_registration_lines_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registration_lines" ADD CONSTRAINT "deal_registration_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD CONSTRAINT "deal_registrations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD CONSTRAINT "deal_registrations_owner_branch_id_organizations_id_fk" FOREIGN KEY ("owner_branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD CONSTRAINT "deal_registrations_product_line_id_product_lines_id_fk" FOREIGN KEY ("product_line_id") REFERENCES "public"."product_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD CONSTRAINT "deal_registrations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD CONSTRAINT "deal_registrations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_special_prices" ADD CONSTRAINT "deal_special_prices_registration_id_deal_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."deal_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_special_prices" ADD CONSTRAINT "deal_special_prices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_special_prices" ADD CONSTRAINT "deal_special_prices_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deal_registration_lines_registration_id_product_id_idx" ON "deal_registration_lines" USING btree ("registration_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_registrations_number_idx" ON "deal_registrations" USING btree ("number");--> statement-breakpoint
CREATE INDEX "deal_registrations_organization_id_created_at_idx" ON "deal_registrations" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "deal_registrations_status_created_at_idx" ON "deal_registrations" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "deal_registrations_credit_code_product_line_id_idx" ON "deal_registrations" USING btree ("customer_credit_code","product_line_id") WHERE "deal_registrations"."status" <> 'rejected';--> statement-breakpoint
CREATE UNIQUE INDEX "deal_special_prices_registration_id_product_id_idx" ON "deal_special_prices" USING btree ("registration_id","product_id");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_deal_registration_id_deal_registrations_id_fk" FOREIGN KEY ("deal_registration_id") REFERENCES "public"."deal_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written below
-- Row-level security on the deal registration tables the portal reaches (as drizzle/0016, 0017 and
-- 0019): a partner's connection sees only its own organization's registrations, lines and special
-- prices (pricing reads the special prices on that connection too); every other connection
-- (back-office, worker, migrations) goes through the *_unrestricted policy.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['deal_registrations', 'deal_registration_lines', 'deal_special_prices'] LOOP
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
-- Whether a customer (credit code) × product line is taken on a date, and by whom relative to the
-- asking organization ('own' / 'other', null when free): a partner registering must see other
-- partners' live registrations without seeing the registrations themselves. Live = waiting for a
-- decision, or approved and protected on that date. Callers hold the pair's advisory lock.
CREATE FUNCTION cs_deal_protection(credit_code text, product_line uuid, asking uuid, on_date date) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    SELECT CASE WHEN bool_or(r.organization_id <> $3) THEN 'other' WHEN count(*) > 0 THEN 'own' END
      FROM deal_registrations r
     WHERE r.customer_credit_code = $1 AND r.product_line_id = $2
       AND (r.status = 'submitted' OR (r.status = 'approved' AND r.protected_until >= $4))
  $$;
