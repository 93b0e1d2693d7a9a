CREATE TYPE "public"."business_calendar_kind" AS ENUM('holiday', 'workday');--> statement-breakpoint
CREATE TABLE "business_calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" "business_calendar_kind" NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "business_calendar_days_names" CHECK (length("business_calendar_days"."name_zh") > 0 and length("business_calendar_days"."name_en") > 0)
);
--> statement-breakpoint
ALTER TABLE "business_calendar_days" ADD CONSTRAINT "business_calendar_days_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repair_requests_station_queue_version_idx" ON "repair_requests" USING btree ("station_id","updated_at") WHERE "repair_requests"."status" not in ('returned', 'closed', 'cancelled');