CREATE TYPE "public"."campaign_spend_status" AS ENUM('counted', 'pending', 'rejected');--> statement-breakpoint
ALTER TABLE "campaign_spends" ADD COLUMN "status" "campaign_spend_status" DEFAULT 'counted' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_spends" ADD COLUMN "decision_reason" text;--> statement-breakpoint
ALTER TABLE "campaign_spends" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "campaign_spends" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fund_claim_files" ADD COLUMN "accepted_fen" bigint;--> statement-breakpoint
ALTER TABLE "fund_claim_files" ADD COLUMN "reject_reason" text;--> statement-breakpoint
ALTER TABLE "fund_claim_files" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "fund_claim_files" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_spends" ADD CONSTRAINT "campaign_spends_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_claim_files" ADD CONSTRAINT "fund_claim_files_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_claim_files" ADD CONSTRAINT "fund_claim_files_review" CHECK (("fund_claim_files"."accepted_fen" is null or "fund_claim_files"."accepted_fen" > 0) and ("fund_claim_files"."accepted_fen" is null or "fund_claim_files"."reject_reason" is null));