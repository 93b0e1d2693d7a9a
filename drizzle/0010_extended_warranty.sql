ALTER TABLE "products" ADD COLUMN "extended_warranty_months" integer;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "covered_serials" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_extended_warranty_months" CHECK ("products"."extended_warranty_months" is null or "products"."extended_warranty_months" between 1 and 120);