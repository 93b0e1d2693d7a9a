CREATE TYPE "public"."share_access" AS ENUM('read', 'edit');--> statement-breakpoint
CREATE TABLE "organization_divisions" (
	"organization_id" uuid NOT NULL,
	"division_id" uuid NOT NULL,
	CONSTRAINT "organization_divisions_organization_id_division_id_pk" PRIMARY KEY("organization_id","division_id")
);
--> statement-breakpoint
CREATE TABLE "care_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"occasion" date NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"end_customer_id" uuid,
	"user_id" uuid,
	"branch_id" uuid,
	"division_id" uuid,
	"access" "share_access" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "record_shares_one_record" CHECK (num_nonnulls("record_shares"."organization_id", "record_shares"."end_customer_id") = 1),
	CONSTRAINT "record_shares_one_grantee" CHECK (num_nonnulls("record_shares"."user_id", "record_shares"."branch_id", "record_shares"."division_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "organization_divisions" ADD CONSTRAINT "organization_divisions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_divisions" ADD CONSTRAINT "organization_divisions_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_events" ADD CONSTRAINT "care_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_end_customer_id_end_customers_id_fk" FOREIGN KEY ("end_customer_id") REFERENCES "public"."end_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_branch_id_organizations_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organization_divisions_division_id_idx" ON "organization_divisions" USING btree ("division_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_events_rule_subject_id_occasion_idx" ON "care_events" USING btree ("rule","subject_id","occasion");--> statement-breakpoint
CREATE INDEX "care_events_organization_id_idx" ON "care_events" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "record_shares_organization_id_idx" ON "record_shares" USING btree ("organization_id") WHERE "record_shares"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "record_shares_end_customer_id_idx" ON "record_shares" USING btree ("end_customer_id") WHERE "record_shares"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "record_shares_user_id_idx" ON "record_shares" USING btree ("user_id") WHERE "record_shares"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "record_shares_branch_id_idx" ON "record_shares" USING btree ("branch_id") WHERE "record_shares"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "record_shares_division_id_idx" ON "record_shares" USING btree ("division_id") WHERE "record_shares"."revoked_at" is null;--> statement-breakpoint
-- Existing partners are of the divisions they have bought from, so division-limited staff keep seeing them.
INSERT INTO "organization_divisions" ("organization_id", "division_id")
SELECT DISTINCT o."organization_id", pl."division_id"
FROM "orders" o
JOIN "order_lines" ol ON ol."order_id" = o."id"
JOIN "products" p ON p."id" = ol."product_id"
JOIN "product_lines" pl ON pl."id" = p."product_line_id"
ON CONFLICT DO NOTHING;
