CREATE TYPE "public"."campaign_spend_status" AS ENUM('counted', 'pending', 'rejected');--> statement-breakpoint
ALTER TABLE "campaign_spends" ADD COLUMN "status" "campaign_spend_status" DEFAULT 'counted' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_spends" ADD COLUMN "decision_reason" text;--> statement-breakpoint
ALTER TABLE "campaign_spends" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "campaign_spends" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_spends" ADD CONSTRAINT "campaign_spends_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;