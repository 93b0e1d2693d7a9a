CREATE TYPE "public"."complaint_category" AS ENUM('product_quality', 'delivery', 'repair_service', 'billing', 'staff_conduct', 'other');--> statement-breakpoint
CREATE TYPE "public"."complaint_severity" AS ENUM('low', 'normal', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."complaint_status" AS ENUM('open', 'in_progress', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."survey_kind" AS ENUM('delivery', 'repair', 'nps');--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"organization_id" uuid,
	"end_customer_id" uuid,
	"branch_id" uuid,
	"order_id" uuid,
	"repair_request_id" uuid,
	"category" "complaint_category" NOT NULL,
	"severity" "complaint_severity" NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"status" "complaint_status" DEFAULT 'open' NOT NULL,
	"owner_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"resolution" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"filed_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "complaints_party" CHECK (num_nonnulls("complaints"."organization_id", "complaints"."end_customer_id") > 0),
	CONSTRAINT "complaints_resolved" CHECK (("complaints"."status" = 'resolved') = ("complaints"."resolved_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "survey_kind" NOT NULL,
	"subject_id" uuid NOT NULL,
	"period" text DEFAULT '' NOT NULL,
	"organization_id" uuid,
	"end_customer_id" uuid,
	"order_id" uuid,
	"repair_request_id" uuid,
	"respondent_user_id" uuid,
	"token_hash" text,
	"expires_at" timestamp with time zone NOT NULL,
	"score" smallint,
	"comment" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"answer_key" text,
	"branch_id" uuid,
	"station_id" uuid,
	"product_line_id" uuid,
	"division_id" uuid,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_score" CHECK ("surveys"."score" is null or ("surveys"."kind" = 'nps' and "surveys"."score" between 0 and 10) or ("surveys"."kind" <> 'nps' and "surveys"."score" between 1 and 5)),
	CONSTRAINT "surveys_party" CHECK (num_nonnulls("surveys"."organization_id", "surveys"."end_customer_id") > 0)
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_end_customer_id_end_customers_id_fk" FOREIGN KEY ("end_customer_id") REFERENCES "public"."end_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_branch_id_organizations_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_repair_request_id_repair_requests_id_fk" FOREIGN KEY ("repair_request_id") REFERENCES "public"."repair_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_end_customer_id_end_customers_id_fk" FOREIGN KEY ("end_customer_id") REFERENCES "public"."end_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_repair_request_id_repair_requests_id_fk" FOREIGN KEY ("repair_request_id") REFERENCES "public"."repair_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_respondent_user_id_users_id_fk" FOREIGN KEY ("respondent_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_branch_id_organizations_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_station_id_organizations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_product_line_id_product_lines_id_fk" FOREIGN KEY ("product_line_id") REFERENCES "public"."product_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_number_idx" ON "complaints" USING btree ("number");--> statement-breakpoint
CREATE INDEX "complaints_organization_id_created_at_idx" ON "complaints" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_end_customer_id_created_at_idx" ON "complaints" USING btree ("end_customer_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_status_due_at_idx" ON "complaints" USING btree ("status","due_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_kind_subject_id_period_idx" ON "surveys" USING btree ("kind","subject_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_token_hash_idx" ON "surveys" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "surveys_organization_id_created_at_idx" ON "surveys" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "surveys_end_customer_id_created_at_idx" ON "surveys" USING btree ("end_customer_id","created_at");--> statement-breakpoint
CREATE INDEX "surveys_answered_at_idx" ON "surveys" USING btree ("answered_at") WHERE "surveys"."answered_at" is not null;--> statement-breakpoint
-- hand-written below (docs/decisions/038)
-- The one star rating of a closed repair becomes the repair's survey: every closed request gets one
-- (answered when it was rated, by whoever rated it), so the next migration can drop the columns.
INSERT INTO surveys (kind, subject_id, organization_id, end_customer_id, repair_request_id, respondent_user_id, expires_at,
                     score, comment, answered_at, answered_by, branch_id, station_id, product_line_id, division_id, owner_id, created_at)
SELECT 'repair', r.id, r.organization_id, r.end_customer_id, r.id, r.filed_by, coalesce(r.closed_at, r.updated_at) + interval '14 days',
       r.rating, r.rating_comment, r.rated_at,
       (select e.actor_id from repair_events e where e.request_id = r.id and e.action = 'rated' order by e.id desc limit 1),
       coalesce(d.owner_branch_id, st.owner_branch_id), r.station_id, p.product_line_id, r.division_id, d.account_owner_id,
       coalesce(r.closed_at, r.updated_at)
  FROM repair_requests r
  JOIN products p ON p.id = r.product_id
  LEFT JOIN organizations d ON d.id = r.organization_id
  LEFT JOIN organizations st ON st.id = r.station_id
 WHERE r.status = 'closed' OR r.rating IS NOT NULL;--> statement-breakpoint
-- Row-level security (as drizzle/0016, 0017, 0029): a partner's connection sees its own surveys and
-- complaints, an end customer's its own. Opening a survey is open to every connection (a master
-- distributor confirming a delivery opens the buyer's survey, as notifications are open to insert).
ALTER TABLE surveys ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE surveys FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY surveys_unrestricted ON surveys USING (current_user <> 'cs_portal') WITH CHECK (current_user <> 'cs_portal');--> statement-breakpoint
CREATE POLICY surveys_open ON surveys FOR INSERT TO cs_portal WITH CHECK (true);--> statement-breakpoint
CREATE POLICY surveys_read ON surveys FOR SELECT TO cs_portal
  USING (organization_id = cs_tenant('organization_id') OR end_customer_id = cs_tenant('end_customer_id'));--> statement-breakpoint
CREATE POLICY surveys_answer ON surveys FOR UPDATE TO cs_portal
  USING (organization_id = cs_tenant('organization_id') OR end_customer_id = cs_tenant('end_customer_id'))
  WITH CHECK (organization_id = cs_tenant('organization_id') OR end_customer_id = cs_tenant('end_customer_id'));--> statement-breakpoint
ALTER TABLE complaints ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE complaints FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY complaints_unrestricted ON complaints USING (current_user <> 'cs_portal') WITH CHECK (current_user <> 'cs_portal');--> statement-breakpoint
CREATE POLICY complaints_tenant ON complaints TO cs_portal
  USING (organization_id = cs_tenant('organization_id') OR end_customer_id = cs_tenant('end_customer_id'))
  WITH CHECK (organization_id = cs_tenant('organization_id') OR end_customer_id = cs_tenant('end_customer_id'));--> statement-breakpoint
-- The e-mail link is opened before anyone signs in: the portal learns only whom a token was sent to
-- (then acts as that user, under the policies above), never the survey itself.
CREATE FUNCTION cs_survey_respondent(token_hash text) RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    SELECT s.respondent_user_id FROM surveys s WHERE s.token_hash = $1
  $$;--> statement-breakpoint
-- The rating columns go once every closed repair has its survey (above).
ALTER TABLE "repair_requests" DROP CONSTRAINT "repair_requests_rating";--> statement-breakpoint
CREATE INDEX "shipments_delivered_at_idx" ON "shipments" USING btree ("delivered_at") WHERE "shipments"."status" = 'delivered';--> statement-breakpoint
CREATE INDEX "repair_requests_closed_at_idx" ON "repair_requests" USING btree ("closed_at") WHERE "repair_requests"."status" = 'closed';--> statement-breakpoint
ALTER TABLE "repair_requests" DROP COLUMN "rating";--> statement-breakpoint
ALTER TABLE "repair_requests" DROP COLUMN "rating_comment";--> statement-breakpoint
ALTER TABLE "repair_requests" DROP COLUMN "rated_at";