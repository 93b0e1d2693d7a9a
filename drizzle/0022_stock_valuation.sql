CREATE TABLE "stock_valuations" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"quantity" integer DEFAULT 0 NOT NULL,
	"value_fen" bigint DEFAULT 0 NOT NULL,
	"average_cost_fen" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_valuations_amounts" CHECK ("stock_valuations"."quantity" >= 0 and "stock_valuations"."value_fen" >= 0 and "stock_valuations"."average_cost_fen" >= 0 and ("stock_valuations"."quantity" > 0 or "stock_valuations"."value_fen" = 0))
);
--> statement-breakpoint
ALTER TABLE "stock_moves" ADD COLUMN "unit_cost_fen" bigint;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD COLUMN "value_fen" bigint;--> statement-breakpoint
ALTER TABLE "stock_document_lines" ADD COLUMN "unit_cost_fen" bigint;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "cost_fen" bigint;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "margin_fen" bigint;--> statement-breakpoint
ALTER TABLE "shipment_lines" ADD COLUMN "unit_cost_fen" bigint;--> statement-breakpoint
ALTER TABLE "shipment_lines" ADD COLUMN "cost_fen" bigint;--> statement-breakpoint
ALTER TABLE "stock_valuations" ADD CONSTRAINT "stock_valuations_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_value" CHECK (("stock_moves"."value_fen" is null) = ("stock_moves"."unit_cost_fen" is null) and coalesce("stock_moves"."value_fen", 0) >= 0 and coalesce("stock_moves"."unit_cost_fen", 0) >= 0);--> statement-breakpoint
ALTER TABLE "stock_document_lines" ADD CONSTRAINT "stock_document_lines_unit_cost" CHECK ("stock_document_lines"."unit_cost_fen" is null or "stock_document_lines"."unit_cost_fen" >= 0);--> statement-breakpoint
-- Existing stock starts at the product's static cost (docs/decisions/023): every done move of our own
-- goods (owner null) touching a location of ours is valued at products.cost_fen, so the value
-- recomputed from the moves (in − out) equals quantity × cost, which is what the valuations start at.
-- The same statements run after the demo seed (packages/db/src/seed/valuation.ts).
UPDATE stock_moves m
   SET unit_cost_fen = p.cost_fen, value_fen = p.cost_fen * m.quantity
  FROM products p
 WHERE p.id = m.product_id AND m.owner_id IS NULL AND m.state = 'done' AND m.value_fen IS NULL
   AND (m.from_location_id IN (SELECT id FROM stock_locations WHERE kind NOT IN ('supplier', 'customer', 'loss'))
        OR m.to_location_id IN (SELECT id FROM stock_locations WHERE kind NOT IN ('supplier', 'customer', 'loss')));
--> statement-breakpoint
INSERT INTO stock_valuations (product_id, quantity, value_fen, average_cost_fen)
SELECT p.id, coalesce(sum(l.on_hand), 0)::int, coalesce(sum(l.on_hand), 0) * p.cost_fen, p.cost_fen
  FROM products p
  LEFT JOIN stock_levels l ON l.product_id = p.id AND l.owner_id = '00000000-0000-0000-0000-000000000000'::uuid
 GROUP BY p.id, p.cost_fen
ON CONFLICT (product_id) DO NOTHING;
