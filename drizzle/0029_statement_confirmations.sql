CREATE TYPE "public"."account_statement_status" AS ENUM('open', 'disputed', 'confirmed');--> statement-breakpoint
CREATE TYPE "public"."statement_dispute_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TABLE "account_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"owner_branch_id" uuid,
	"month" date NOT NULL,
	"status" "account_statement_status" DEFAULT 'open' NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reminded_at" timestamp with time zone,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"snapshot" jsonb,
	"closing_fen" bigint,
	CONSTRAINT "account_statements_confirmed" CHECK (("account_statements"."status" = 'confirmed') = ("account_statements"."confirmed_at" is not null and "account_statements"."confirmed_by" is not null and "account_statements"."snapshot" is not null))
);
--> statement-breakpoint
CREATE TABLE "statement_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"statement_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"entry_number" text NOT NULL,
	"reason" text NOT NULL,
	"status" "statement_dispute_status" DEFAULT 'open' NOT NULL,
	"resolution" text,
	"raised_by" uuid NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "statement_disputes_resolved" CHECK (("statement_disputes"."status" = 'resolved') = ("statement_disputes"."resolution" is not null and "statement_disputes"."resolved_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "account_statements" ADD CONSTRAINT "account_statements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_statements" ADD CONSTRAINT "account_statements_owner_branch_id_organizations_id_fk" FOREIGN KEY ("owner_branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_statements" ADD CONSTRAINT "account_statements_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_disputes" ADD CONSTRAINT "statement_disputes_statement_id_account_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."account_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_disputes" ADD CONSTRAINT "statement_disputes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_disputes" ADD CONSTRAINT "statement_disputes_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_disputes" ADD CONSTRAINT "statement_disputes_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_statements_organization_id_month_idx" ON "account_statements" USING btree ("organization_id","month");--> statement-breakpoint
CREATE INDEX "account_statements_month_status_idx" ON "account_statements" USING btree ("month","status");--> statement-breakpoint
CREATE INDEX "account_statements_unconfirmed_idx" ON "account_statements" USING btree ("issued_at") WHERE "account_statements"."status" <> 'confirmed' and "account_statements"."reminded_at" is null;--> statement-breakpoint
CREATE INDEX "statement_disputes_statement_id_idx" ON "statement_disputes" USING btree ("statement_id");--> statement-breakpoint
-- A confirmed statement is frozen: no update or delete reaches it, whatever the code above does.
CREATE FUNCTION cs_statement_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'confirmed' THEN
    RAISE EXCEPTION 'account statement % is confirmed and frozen', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;--> statement-breakpoint
CREATE TRIGGER account_statements_frozen BEFORE UPDATE OR DELETE ON account_statements FOR EACH ROW EXECUTE FUNCTION cs_statement_frozen();--> statement-breakpoint
ALTER TABLE account_statements ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE account_statements FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY account_statements_unrestricted ON account_statements USING (current_user <> 'cs_portal') WITH CHECK (current_user <> 'cs_portal');--> statement-breakpoint
CREATE POLICY account_statements_tenant ON account_statements TO cs_portal
  USING (organization_id = cs_tenant('organization_id')) WITH CHECK (organization_id = cs_tenant('organization_id'));--> statement-breakpoint
ALTER TABLE statement_disputes ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE statement_disputes FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY statement_disputes_unrestricted ON statement_disputes USING (current_user <> 'cs_portal') WITH CHECK (current_user <> 'cs_portal');--> statement-breakpoint
CREATE POLICY statement_disputes_tenant ON statement_disputes TO cs_portal
  USING (organization_id = cs_tenant('organization_id')) WITH CHECK (organization_id = cs_tenant('organization_id'));
