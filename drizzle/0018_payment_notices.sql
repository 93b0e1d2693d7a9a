CREATE TYPE "public"."payment_notice_status" AS ENUM('pending', 'confirmed', 'rejected');--> statement-breakpoint
CREATE TABLE "payment_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"owner_branch_id" uuid,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text NOT NULL,
	"payer_account" text,
	"note" text,
	"receipt_path" text,
	"receipt_mime" text,
	"receipt_size" integer,
	"status" "payment_notice_status" DEFAULT 'pending' NOT NULL,
	"payment_id" uuid,
	"reject_reason" text,
	"notified_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_notices_state" CHECK ("payment_notices"."amount_fen" > 0 and ("payment_notices"."status" <> 'confirmed' or "payment_notices"."payment_id" is not null) and ("payment_notices"."status" <> 'rejected' or "payment_notices"."reject_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "rebate_programs" ADD COLUMN "name_en" text;--> statement-breakpoint
ALTER TABLE "payment_notices" ADD CONSTRAINT "payment_notices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_notices" ADD CONSTRAINT "payment_notices_owner_branch_id_organizations_id_fk" FOREIGN KEY ("owner_branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_notices" ADD CONSTRAINT "payment_notices_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_notices" ADD CONSTRAINT "payment_notices_notified_by_users_id_fk" FOREIGN KEY ("notified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_notices" ADD CONSTRAINT "payment_notices_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_notices_number_idx" ON "payment_notices" USING btree ("number");--> statement-breakpoint
CREATE INDEX "payment_notices_organization_id_created_at_idx" ON "payment_notices" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_notices_pending_idx" ON "payment_notices" USING btree ("created_at") WHERE "payment_notices"."status" = 'pending';--> statement-breakpoint
-- hand-written below
-- Row-level security as for payments (0016): the portal sees and writes only its own notices.
ALTER TABLE payment_notices ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE payment_notices FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY payment_notices_unrestricted ON payment_notices USING (current_user <> 'cs_portal') WITH CHECK (current_user <> 'cs_portal');--> statement-breakpoint
CREATE POLICY payment_notices_tenant ON payment_notices TO cs_portal
  USING (organization_id = cs_tenant('organization_id')) WITH CHECK (organization_id = cs_tenant('organization_id'));
