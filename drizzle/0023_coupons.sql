CREATE TYPE "public"."coupon_kind" AS ENUM('amount', 'percent');--> statement-breakpoint
CREATE TYPE "public"."coupon_status" AS ENUM('active', 'revoked');--> statement-breakpoint
CREATE TABLE "coupon_redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coupon_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"redeemed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "coupon_redemptions_amount" CHECK ("coupon_redemptions"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "coupons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"organization_id" uuid,
	"tier" "partner_tier",
	"end_customer_id" uuid,
	"kind" "coupon_kind" NOT NULL,
	"amount_fen" bigint,
	"percent" integer,
	"min_order_fen" bigint DEFAULT 0 NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"uses_allowed" integer DEFAULT 1 NOT NULL,
	"uses_count" integer DEFAULT 0 NOT NULL,
	"status" "coupon_status" DEFAULT 'active' NOT NULL,
	"description" text NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"source_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	CONSTRAINT "coupons_one_target" CHECK (num_nonnulls("coupons"."organization_id", "coupons"."tier", "coupons"."end_customer_id") = 1),
	CONSTRAINT "coupons_value" CHECK (("coupons"."kind" = 'amount' and "coupons"."amount_fen" > 0 and "coupons"."percent" is null) or ("coupons"."kind" = 'percent' and "coupons"."percent" between 1 and 100 and "coupons"."amount_fen" is null)),
	CONSTRAINT "coupons_dates" CHECK ("coupons"."valid_until" >= "coupons"."valid_from"),
	CONSTRAINT "coupons_uses" CHECK ("coupons"."uses_allowed" > 0 and "coupons"."uses_count" >= 0 and "coupons"."uses_count" <= "coupons"."uses_allowed"),
	CONSTRAINT "coupons_min_order" CHECK ("coupons"."min_order_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "coupon_discount_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "coupon_redemptions" ADD CONSTRAINT "coupon_redemptions_coupon_id_coupons_id_fk" FOREIGN KEY ("coupon_id") REFERENCES "public"."coupons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupon_redemptions" ADD CONSTRAINT "coupon_redemptions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupon_redemptions" ADD CONSTRAINT "coupon_redemptions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_end_customer_id_end_customers_id_fk" FOREIGN KEY ("end_customer_id") REFERENCES "public"."end_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coupon_redemptions_order_id_idx" ON "coupon_redemptions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "coupon_redemptions_coupon_id_redeemed_at_idx" ON "coupon_redemptions" USING btree ("coupon_id","redeemed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_code_idx" ON "coupons" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_source_key_idx" ON "coupons" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "coupons_organization_id_created_at_idx" ON "coupons" USING btree ("organization_id","created_at") WHERE "coupons"."organization_id" is not null;--> statement-breakpoint
CREATE INDEX "coupons_tier_created_at_idx" ON "coupons" USING btree ("tier","created_at") WHERE "coupons"."tier" is not null;--> statement-breakpoint
CREATE INDEX "coupons_created_at_idx" ON "coupons" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_coupon_discount" CHECK ("orders"."coupon_discount_fen" >= 0 and "orders"."coupon_discount_fen" + "orders"."rebate_applied_fen" <= "orders"."total_fen");--> statement-breakpoint
-- hand-written below
-- Row-level security on the coupon tables the portal reaches (as drizzle/0016, 0017, 0019 and 0021):
-- a partner's connection sees the coupons issued to its organization or to its tier (and may move
-- their use count at checkout), and its own redemptions; every other connection (back-office,
-- worker, migrations) goes through the *_unrestricted policy.
ALTER TABLE "coupons" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "coupons" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "coupons_unrestricted" ON "coupons" USING (current_user <> 'cs_portal') WITH CHECK (current_user <> 'cs_portal');--> statement-breakpoint
CREATE POLICY "coupons_tenant" ON "coupons" TO cs_portal
  USING (organization_id = cs_tenant('organization_id')
         OR tier = (select o.tier from organizations o where o.id = cs_tenant('organization_id')))
  WITH CHECK (organization_id = cs_tenant('organization_id')
         OR tier = (select o.tier from organizations o where o.id = cs_tenant('organization_id')));--> statement-breakpoint
ALTER TABLE "coupon_redemptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "coupon_redemptions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "coupon_redemptions_unrestricted" ON "coupon_redemptions" USING (current_user <> 'cs_portal') WITH CHECK (current_user <> 'cs_portal');--> statement-breakpoint
CREATE POLICY "coupon_redemptions_tenant" ON "coupon_redemptions" TO cs_portal
  USING (organization_id = cs_tenant('organization_id')) WITH CHECK (organization_id = cs_tenant('organization_id'));
