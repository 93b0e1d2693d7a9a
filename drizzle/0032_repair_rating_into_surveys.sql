ALTER TABLE "repair_requests" DROP CONSTRAINT "repair_requests_rating";--> statement-breakpoint
CREATE INDEX "shipments_delivered_at_idx" ON "shipments" USING btree ("delivered_at") WHERE "shipments"."status" = 'delivered';--> statement-breakpoint
CREATE INDEX "repair_requests_closed_at_idx" ON "repair_requests" USING btree ("closed_at") WHERE "repair_requests"."status" = 'closed';--> statement-breakpoint
ALTER TABLE "repair_requests" DROP COLUMN "rating";--> statement-breakpoint
ALTER TABLE "repair_requests" DROP COLUMN "rating_comment";--> statement-breakpoint
ALTER TABLE "repair_requests" DROP COLUMN "rated_at";