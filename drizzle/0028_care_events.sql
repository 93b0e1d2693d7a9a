CREATE TABLE "care_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"occasion" date NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_events" ADD CONSTRAINT "care_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_events_rule_subject_id_occasion_idx" ON "care_events" USING btree ("rule","subject_id","occasion");--> statement-breakpoint
CREATE INDEX "care_events_organization_id_idx" ON "care_events" USING btree ("organization_id");