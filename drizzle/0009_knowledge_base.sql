CREATE TYPE "public"."knowledge_status" AS ENUM('draft', 'published', 'archived');--> statement-breakpoint
CREATE TABLE "knowledge_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"symptom" text NOT NULL,
	"cause" text DEFAULT '' NOT NULL,
	"solution" text NOT NULL,
	"product_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"product_line_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"division_id" uuid,
	"status" "knowledge_status" DEFAULT 'draft' NOT NULL,
	"author_id" uuid,
	"source_repair_request_id" uuid,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_articles_version" CHECK ("knowledge_articles"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_source_repair_request_id_repair_requests_id_fk" FOREIGN KEY ("source_repair_request_id") REFERENCES "public"."repair_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_articles_number_idx" ON "knowledge_articles" USING btree ("number");--> statement-breakpoint
CREATE INDEX "knowledge_articles_status_updated_at_idx" ON "knowledge_articles" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "knowledge_articles_title_trgm_idx" ON "knowledge_articles" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "knowledge_articles_symptom_trgm_idx" ON "knowledge_articles" USING gin ("symptom" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "knowledge_articles_product_ids_idx" ON "knowledge_articles" USING gin ("product_ids");--> statement-breakpoint
CREATE INDEX "knowledge_articles_product_line_ids_idx" ON "knowledge_articles" USING gin ("product_line_ids");--> statement-breakpoint
CREATE INDEX "knowledge_articles_source_repair_request_id_idx" ON "knowledge_articles" USING btree ("source_repair_request_id") WHERE "knowledge_articles"."source_repair_request_id" is not null;