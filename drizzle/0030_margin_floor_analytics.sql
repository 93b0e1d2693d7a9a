ALTER TABLE "product_lines" ADD COLUMN "margin_floor_bp" integer;--> statement-breakpoint
CREATE INDEX "invoices_issued_on_idx" ON "invoices" USING btree ("issued_on","organization_id");--> statement-breakpoint
ALTER TABLE "product_lines" ADD CONSTRAINT "product_lines_margin_floor_bp" CHECK ("product_lines"."margin_floor_bp" is null or "product_lines"."margin_floor_bp" between 0 and 10000);