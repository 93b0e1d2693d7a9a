CREATE TYPE "public"."share_access" AS ENUM('read', 'edit');--> statement-breakpoint
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
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_end_customer_id_end_customers_id_fk" FOREIGN KEY ("end_customer_id") REFERENCES "public"."end_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_branch_id_organizations_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "record_shares_organization_id_idx" ON "record_shares" USING btree ("organization_id") WHERE "record_shares"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "record_shares_end_customer_id_idx" ON "record_shares" USING btree ("end_customer_id") WHERE "record_shares"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "record_shares_user_id_idx" ON "record_shares" USING btree ("user_id") WHERE "record_shares"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "record_shares_branch_id_idx" ON "record_shares" USING btree ("branch_id") WHERE "record_shares"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "record_shares_division_id_idx" ON "record_shares" USING btree ("division_id") WHERE "record_shares"."revoked_at" is null;