CREATE TABLE "organization_divisions" (
	"organization_id" uuid NOT NULL,
	"division_id" uuid NOT NULL,
	CONSTRAINT "organization_divisions_organization_id_division_id_pk" PRIMARY KEY("organization_id","division_id")
);
--> statement-breakpoint
ALTER TABLE "organization_divisions" ADD CONSTRAINT "organization_divisions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_divisions" ADD CONSTRAINT "organization_divisions_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organization_divisions_division_id_idx" ON "organization_divisions" USING btree ("division_id");--> statement-breakpoint
-- Existing partners are of the divisions they have bought from, so division-limited staff keep seeing them.
INSERT INTO "organization_divisions" ("organization_id", "division_id")
SELECT DISTINCT o."organization_id", pl."division_id"
FROM "orders" o
JOIN "order_lines" ol ON ol."order_id" = o."id"
JOIN "products" p ON p."id" = ol."product_id"
JOIN "product_lines" pl ON pl."id" = p."product_line_id"
ON CONFLICT DO NOTHING;
