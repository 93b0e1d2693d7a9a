CREATE TYPE "public"."location_kind" AS ENUM('warehouse', 'transit', 'supplier', 'customer', 'loss', 'partner_virtual', 'partner_consignment', 'station_parts');--> statement-breakpoint
CREATE TYPE "public"."move_reason" AS ENUM('receipt', 'shipment', 'transfer_out', 'transfer_in', 'adjustment', 'issue', 'sell_out', 'call_off', 'parts_use');--> statement-breakpoint
CREATE TYPE "public"."move_state" AS ENUM('draft', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."serial_status" AS ENUM('in_stock', 'in_transit', 'shipped', 'sold', 'scrapped');--> statement-breakpoint
CREATE TYPE "public"."stock_document_kind" AS ENUM('receipt', 'transfer', 'issue', 'stocktake', 'call_off', 'sell_out');--> statement-breakpoint
CREATE TABLE "reorder_points" (
	"location_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"minimum" integer NOT NULL,
	CONSTRAINT "reorder_points_location_id_product_id_pk" PRIMARY KEY("location_id","product_id"),
	CONSTRAINT "reorder_points_minimum" CHECK ("reorder_points"."minimum" >= 0)
);
--> statement-breakpoint
CREATE TABLE "serial_moves" (
	"move_id" bigint NOT NULL,
	"serial_id" uuid NOT NULL,
	CONSTRAINT "serial_moves_move_id_serial_id_pk" PRIMARY KEY("move_id","serial_id")
);
--> statement-breakpoint
CREATE TABLE "serial_numbers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"serial" text NOT NULL,
	"status" serial_status NOT NULL,
	"location_id" uuid,
	"owner_id" uuid,
	"sold_reference" text,
	"sold_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_levels" (
	"location_id" uuid NOT NULL,
	"owner_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000'::uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_levels_location_id_owner_id_product_id_pk" PRIMARY KEY("location_id","owner_id","product_id"),
	CONSTRAINT "stock_levels_on_hand_not_negative" CHECK ("stock_levels"."on_hand" >= 0),
	CONSTRAINT "stock_levels_reserved_within_on_hand" CHECK ("stock_levels"."reserved" >= 0 and "stock_levels"."reserved" <= "stock_levels"."on_hand")
);
--> statement-breakpoint
CREATE TABLE "stock_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" "location_kind" NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"branch_id" uuid,
	"organization_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_moves" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stock_moves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"product_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"from_location_id" uuid NOT NULL,
	"to_location_id" uuid NOT NULL,
	"owner_id" uuid,
	"reason" "move_reason" NOT NULL,
	"reference_type" text NOT NULL,
	"reference_id" text NOT NULL,
	"state" "move_state" DEFAULT 'done' NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_moves_quantity_positive" CHECK ("stock_moves"."quantity" > 0),
	CONSTRAINT "stock_moves_distinct_locations" CHECK ("stock_moves"."from_location_id" <> "stock_moves"."to_location_id")
);
--> statement-breakpoint
CREATE TABLE "stock_reservations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stock_reservations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"reference_type" text NOT NULL,
	"reference_id" text NOT NULL,
	"product_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_reservations_quantity_positive" CHECK ("stock_reservations"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "stock_document_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"quantity_done" integer DEFAULT 0 NOT NULL,
	"quantity_received" integer DEFAULT 0 NOT NULL,
	"counted" integer,
	"serials" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	CONSTRAINT "stock_document_lines_quantities" CHECK ("stock_document_lines"."quantity" >= 0 and "stock_document_lines"."quantity_done" >= 0 and "stock_document_lines"."quantity_received" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "stock_document_kind" NOT NULL,
	"number" text NOT NULL,
	"status" text NOT NULL,
	"from_location_id" uuid,
	"to_location_id" uuid,
	"organization_id" uuid,
	"reason" text,
	"note" text,
	"value_fen" bigint DEFAULT 0 NOT NULL,
	"delivery_address" jsonb,
	"created_by" uuid,
	"approved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reorder_points" ADD CONSTRAINT "reorder_points_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reorder_points" ADD CONSTRAINT "reorder_points_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serial_moves" ADD CONSTRAINT "serial_moves_move_id_stock_moves_id_fk" FOREIGN KEY ("move_id") REFERENCES "public"."stock_moves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serial_moves" ADD CONSTRAINT "serial_moves_serial_id_serial_numbers_id_fk" FOREIGN KEY ("serial_id") REFERENCES "public"."serial_numbers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serial_numbers" ADD CONSTRAINT "serial_numbers_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serial_numbers" ADD CONSTRAINT "serial_numbers_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serial_numbers" ADD CONSTRAINT "serial_numbers_owner_id_organizations_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_locations" ADD CONSTRAINT "stock_locations_branch_id_organizations_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_locations" ADD CONSTRAINT "stock_locations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_from_location_id_stock_locations_id_fk" FOREIGN KEY ("from_location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_to_location_id_stock_locations_id_fk" FOREIGN KEY ("to_location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_moves" ADD CONSTRAINT "stock_moves_owner_id_organizations_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_reservations" ADD CONSTRAINT "stock_reservations_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_reservations" ADD CONSTRAINT "stock_reservations_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_document_lines" ADD CONSTRAINT "stock_document_lines_document_id_stock_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."stock_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_document_lines" ADD CONSTRAINT "stock_document_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_documents" ADD CONSTRAINT "stock_documents_from_location_id_stock_locations_id_fk" FOREIGN KEY ("from_location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_documents" ADD CONSTRAINT "stock_documents_to_location_id_stock_locations_id_fk" FOREIGN KEY ("to_location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_documents" ADD CONSTRAINT "stock_documents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "serial_moves_serial_id_idx" ON "serial_moves" USING btree ("serial_id");--> statement-breakpoint
CREATE UNIQUE INDEX "serial_numbers_product_id_serial_idx" ON "serial_numbers" USING btree ("product_id","serial");--> statement-breakpoint
CREATE INDEX "serial_numbers_serial_idx" ON "serial_numbers" USING btree ("serial");--> statement-breakpoint
CREATE INDEX "stock_levels_product_id_idx" ON "stock_levels" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_locations_code_idx" ON "stock_locations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "stock_locations_branch_id_idx" ON "stock_locations" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "stock_locations_organization_id_idx" ON "stock_locations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "stock_moves_product_id_created_at_idx" ON "stock_moves" USING btree ("product_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_moves_from_location_id_created_at_idx" ON "stock_moves" USING btree ("from_location_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_moves_to_location_id_created_at_idx" ON "stock_moves" USING btree ("to_location_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_moves_reference_idx" ON "stock_moves" USING btree ("reference_type","reference_id");--> statement-breakpoint
CREATE INDEX "stock_reservations_reference_idx" ON "stock_reservations" USING btree ("reference_type","reference_id");--> statement-breakpoint
CREATE INDEX "stock_document_lines_document_id_idx" ON "stock_document_lines" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_documents_number_idx" ON "stock_documents" USING btree ("number");--> statement-breakpoint
CREATE INDEX "stock_documents_kind_status_created_at_idx" ON "stock_documents" USING btree ("kind","status","created_at");--> statement-breakpoint
CREATE INDEX "stock_documents_organization_id_created_at_idx" ON "stock_documents" USING btree ("organization_id","created_at");