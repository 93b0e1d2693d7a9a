CREATE TYPE "public"."red_letter_source" AS ENUM('return', 'rebate', 'price_protection');--> statement-breakpoint
CREATE TYPE "public"."red_letter_status" AS ENUM('pending', 'confirmed', 'rejected');--> statement-breakpoint
CREATE TABLE "red_letter_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"owner_branch_id" uuid,
	"original_invoice_id" uuid NOT NULL,
	"source" "red_letter_source" NOT NULL,
	"return_id" uuid,
	"lines" jsonb NOT NULL,
	"net_fen" bigint NOT NULL,
	"tax_fen" bigint NOT NULL,
	"total_fen" bigint NOT NULL,
	"status" "red_letter_status" DEFAULT 'pending' NOT NULL,
	"credit_note_id" uuid,
	"reject_reason" text,
	"requested_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "red_letter_requests_state" CHECK ("red_letter_requests"."total_fen" > 0 and "red_letter_requests"."net_fen" + "red_letter_requests"."tax_fen" = "red_letter_requests"."total_fen"
        and ("red_letter_requests"."status" = 'confirmed') = ("red_letter_requests"."credit_note_id" is not null)
        and ("red_letter_requests"."status" <> 'rejected' or "red_letter_requests"."reject_reason" is not null)
        and ("red_letter_requests"."status" = 'pending') = ("red_letter_requests"."decided_at" is null))
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "tax_code" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "tax_rate_bp" integer DEFAULT 1300 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "buyer_name" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "buyer_tax_id" text;--> statement-breakpoint
ALTER TABLE "red_letter_requests" ADD CONSTRAINT "red_letter_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_letter_requests" ADD CONSTRAINT "red_letter_requests_owner_branch_id_organizations_id_fk" FOREIGN KEY ("owner_branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_letter_requests" ADD CONSTRAINT "red_letter_requests_original_invoice_id_invoices_id_fk" FOREIGN KEY ("original_invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_letter_requests" ADD CONSTRAINT "red_letter_requests_return_id_return_requests_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."return_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_letter_requests" ADD CONSTRAINT "red_letter_requests_credit_note_id_invoices_id_fk" FOREIGN KEY ("credit_note_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_letter_requests" ADD CONSTRAINT "red_letter_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_letter_requests" ADD CONSTRAINT "red_letter_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "red_letter_requests_number_idx" ON "red_letter_requests" USING btree ("number");--> statement-breakpoint
CREATE INDEX "red_letter_requests_organization_id_created_at_idx" ON "red_letter_requests" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "red_letter_requests_original_invoice_id_idx" ON "red_letter_requests" USING btree ("original_invoice_id");--> statement-breakpoint
CREATE INDEX "red_letter_requests_pending_idx" ON "red_letter_requests" USING btree ("created_at") WHERE "red_letter_requests"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_tax_code" CHECK ("products"."tax_code" is null or "products"."tax_code" ~ '^[1-6][0-9]{18}$');--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_tax_rate_bp" CHECK ("products"."tax_rate_bp" in (1300, 900, 600, 0));--> statement-breakpoint
ALTER TABLE red_letter_requests ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE red_letter_requests FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY red_letter_requests_unrestricted ON red_letter_requests USING (current_user <> 'cs_portal') WITH CHECK (current_user <> 'cs_portal');--> statement-breakpoint
-- the buyer's own requests only: a partner confirms or rejects what was raised against its invoices
CREATE POLICY red_letter_requests_tenant ON red_letter_requests TO cs_portal
  USING (organization_id = cs_tenant('organization_id')) WITH CHECK (organization_id = cs_tenant('organization_id'));
