CREATE TYPE "public"."claim_line_kind" AS ENUM('labour', 'part');--> statement-breakpoint
CREATE TYPE "public"."claim_status" AS ENUM('submitted', 'approved', 'adjusted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."device_status" AS ENUM('verified', 'unverified', 'flagged');--> statement-breakpoint
CREATE TYPE "public"."quote_status" AS ENUM('pending', 'approved', 'refused');--> statement-breakpoint
CREATE TYPE "public"."repair_priority" AS ENUM('low', 'normal', 'high', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."repair_status" AS ENUM('submitted', 'accepted', 'received', 'diagnosing', 'awaiting_parts', 'repairing', 'ready', 'returned', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."service_mode" AS ENUM('pickup', 'drop_off');--> statement-breakpoint
CREATE TYPE "public"."settlement_status" AS ENUM('issued', 'paid');--> statement-breakpoint
CREATE TYPE "public"."warranty_kind" AS ENUM('standard', 'extended');--> statement-breakpoint
CREATE TYPE "public"."warranty_source" AS ENUM('sell_out', 'registration', 'shipment_grace', 'extended_order');--> statement-breakpoint
CREATE TYPE "public"."warranty_status" AS ENUM('in_warranty', 'extended', 'expired', 'unknown');--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"serial" text NOT NULL,
	"end_customer_id" uuid NOT NULL,
	"purchased_on" date,
	"proof_path" text,
	"proof_mime" text,
	"proof_size" integer,
	"status" "device_status" DEFAULT 'unverified' NOT NULL,
	"status_reason" text,
	"active" boolean DEFAULT true NOT NULL,
	"registered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"stored_path" text NOT NULL,
	"original_name" text NOT NULL,
	"mime" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "repair_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" "repair_status",
	"to_status" "repair_status",
	"actor_id" uuid,
	"comment" text,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"stock_move_id" bigint NOT NULL,
	"unit_cost_fen" bigint NOT NULL,
	"faulty_serial" text,
	"replacement_serial" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_parts_quantity" CHECK ("repair_parts"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "repair_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"end_customer_id" uuid NOT NULL,
	"organization_id" uuid,
	"filed_by" uuid,
	"device_id" uuid,
	"product_id" uuid NOT NULL,
	"serial" text NOT NULL,
	"division_id" uuid,
	"symptoms" text NOT NULL,
	"service_mode" "service_mode" NOT NULL,
	"city" text NOT NULL,
	"pickup_address" text,
	"contact_phone" text,
	"preferred_station_id" uuid,
	"station_id" uuid,
	"assigned_at" timestamp with time zone,
	"technician_id" uuid,
	"priority" "repair_priority" DEFAULT 'normal' NOT NULL,
	"escalated" boolean DEFAULT false NOT NULL,
	"warranty_status" "warranty_status" NOT NULL,
	"warranty_reason" text NOT NULL,
	"warranty_details" jsonb,
	"warranty_contract_id" uuid,
	"warranty_ends_on" date,
	"needs_manual_check" boolean DEFAULT false NOT NULL,
	"status" "repair_status" DEFAULT 'submitted' NOT NULL,
	"response_due_at" timestamp with time zone NOT NULL,
	"resolution_due_at" timestamp with time zone NOT NULL,
	"sla_due_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"diagnosis" text,
	"resolution" text,
	"quote_amount_fen" bigint,
	"quote_note" text,
	"quote_status" "quote_status",
	"quote_decided_at" timestamp with time zone,
	"rating" smallint,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "repair_requests_rating" CHECK ("repair_requests"."rating" is null or "repair_requests"."rating" between 1 and 5),
	CONSTRAINT "repair_requests_quote" CHECK ("repair_requests"."quote_amount_fen" is null or "repair_requests"."quote_amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "repair_stations" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"cities" text[] DEFAULT '{}'::text[] NOT NULL,
	"division_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"capacity_per_day" integer DEFAULT 10 NOT NULL,
	"opening_hours" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_stations_capacity" CHECK ("repair_stations"."capacity_per_day" >= 0)
);
--> statement-breakpoint
CREATE TABLE "service_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"shipment_grace_days" integer DEFAULT 90 NOT NULL,
	"sla_policy" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_settings_singleton" CHECK ("service_settings"."id" = 1),
	CONSTRAINT "service_settings_grace" CHECK ("service_settings"."shipment_grace_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "station_claim_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"kind" "claim_line_kind" NOT NULL,
	"description" text NOT NULL,
	"repair_part_id" uuid,
	"product_id" uuid,
	"quantity" integer DEFAULT 1 NOT NULL,
	"amount_fen" bigint NOT NULL,
	"approved_fen" bigint,
	CONSTRAINT "station_claim_lines_amounts" CHECK ("station_claim_lines"."quantity" > 0 and "station_claim_lines"."amount_fen" >= 0 and ("station_claim_lines"."approved_fen" is null or "station_claim_lines"."approved_fen" >= 0))
);
--> statement-breakpoint
CREATE TABLE "station_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"station_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"status" "claim_status" DEFAULT 'submitted' NOT NULL,
	"claimed_fen" bigint NOT NULL,
	"approved_fen" bigint,
	"note" text,
	"submitted_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"settlement_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_claims_amounts" CHECK ("station_claims"."claimed_fen" >= 0 and ("station_claims"."approved_fen" is null or "station_claims"."approved_fen" >= 0))
);
--> statement-breakpoint
CREATE TABLE "station_settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"station_id" uuid NOT NULL,
	"period" text NOT NULL,
	"total_fen" bigint NOT NULL,
	"claim_count" integer NOT NULL,
	"status" "settlement_status" DEFAULT 'issued' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "station_technicians" (
	"station_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_technicians_station_id_user_id_pk" PRIMARY KEY("station_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "warranty_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"serial" text NOT NULL,
	"kind" "warranty_kind" NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"source" "warranty_source" NOT NULL,
	"order_line_id" uuid,
	"device_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "warranty_contracts_dates" CHECK ("warranty_contracts"."ends_on" >= "warranty_contracts"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_end_customer_id_end_customers_id_fk" FOREIGN KEY ("end_customer_id") REFERENCES "public"."end_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_attachments" ADD CONSTRAINT "repair_attachments_request_id_repair_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."repair_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_attachments" ADD CONSTRAINT "repair_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_events" ADD CONSTRAINT "repair_events_request_id_repair_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."repair_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_parts" ADD CONSTRAINT "repair_parts_request_id_repair_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."repair_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_parts" ADD CONSTRAINT "repair_parts_station_id_organizations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_parts" ADD CONSTRAINT "repair_parts_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_parts" ADD CONSTRAINT "repair_parts_stock_move_id_stock_moves_id_fk" FOREIGN KEY ("stock_move_id") REFERENCES "public"."stock_moves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_parts" ADD CONSTRAINT "repair_parts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_requests" ADD CONSTRAINT "repair_requests_end_customer_id_end_customers_id_fk" FOREIGN KEY ("end_customer_id") REFERENCES "public"."end_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_requests" ADD CONSTRAINT "repair_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_requests" ADD CONSTRAINT "repair_requests_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_requests" ADD CONSTRAINT "repair_requests_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_requests" ADD CONSTRAINT "repair_requests_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_requests" ADD CONSTRAINT "repair_requests_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_requests" ADD CONSTRAINT "repair_requests_preferred_station_id_organizations_id_fk" FOREIGN KEY ("preferred_station_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_requests" ADD CONSTRAINT "repair_requests_station_id_organizations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_requests" ADD CONSTRAINT "repair_requests_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_requests" ADD CONSTRAINT "repair_requests_warranty_contract_id_warranty_contracts_id_fk" FOREIGN KEY ("warranty_contract_id") REFERENCES "public"."warranty_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_stations" ADD CONSTRAINT "repair_stations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_claim_lines" ADD CONSTRAINT "station_claim_lines_claim_id_station_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."station_claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_claim_lines" ADD CONSTRAINT "station_claim_lines_repair_part_id_repair_parts_id_fk" FOREIGN KEY ("repair_part_id") REFERENCES "public"."repair_parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_claim_lines" ADD CONSTRAINT "station_claim_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_claims" ADD CONSTRAINT "station_claims_station_id_organizations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_claims" ADD CONSTRAINT "station_claims_request_id_repair_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."repair_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_claims" ADD CONSTRAINT "station_claims_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_claims" ADD CONSTRAINT "station_claims_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_claims" ADD CONSTRAINT "station_claims_settlement_id_station_settlements_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "public"."station_settlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_settlements" ADD CONSTRAINT "station_settlements_station_id_organizations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_settlements" ADD CONSTRAINT "station_settlements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_technicians" ADD CONSTRAINT "station_technicians_station_id_repair_stations_organization_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."repair_stations"("organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_technicians" ADD CONSTRAINT "station_technicians_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warranty_contracts" ADD CONSTRAINT "warranty_contracts_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warranty_contracts" ADD CONSTRAINT "warranty_contracts_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warranty_contracts" ADD CONSTRAINT "warranty_contracts_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "devices_product_id_serial_active_idx" ON "devices" USING btree ("product_id","serial") WHERE "devices"."active";--> statement-breakpoint
CREATE INDEX "devices_end_customer_id_created_at_idx" ON "devices" USING btree ("end_customer_id","created_at");--> statement-breakpoint
CREATE INDEX "devices_serial_idx" ON "devices" USING btree ("serial");--> statement-breakpoint
CREATE INDEX "repair_attachments_request_id_idx" ON "repair_attachments" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "repair_events_request_id_id_idx" ON "repair_events" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "repair_parts_request_id_idx" ON "repair_parts" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "repair_parts_product_id_created_at_idx" ON "repair_parts" USING btree ("product_id","created_at");--> statement-breakpoint
CREATE INDEX "repair_parts_faulty_serial_idx" ON "repair_parts" USING btree ("faulty_serial");--> statement-breakpoint
CREATE INDEX "repair_parts_replacement_serial_idx" ON "repair_parts" USING btree ("replacement_serial");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_requests_number_idx" ON "repair_requests" USING btree ("number");--> statement-breakpoint
CREATE INDEX "repair_requests_status_station_id_sla_due_at_idx" ON "repair_requests" USING btree ("status","station_id","sla_due_at","id");--> statement-breakpoint
CREATE INDEX "repair_requests_station_id_sla_due_at_idx" ON "repair_requests" USING btree ("station_id","sla_due_at","id");--> statement-breakpoint
CREATE INDEX "repair_requests_sla_due_at_idx" ON "repair_requests" USING btree ("sla_due_at","id");--> statement-breakpoint
CREATE INDEX "repair_requests_created_at_idx" ON "repair_requests" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "repair_requests_station_queue_idx" ON "repair_requests" USING btree ("station_id","sla_due_at","id") WHERE "repair_requests"."status" not in ('returned', 'closed', 'cancelled');--> statement-breakpoint
CREATE INDEX "repair_requests_end_customer_id_created_at_idx" ON "repair_requests" USING btree ("end_customer_id","created_at");--> statement-breakpoint
CREATE INDEX "repair_requests_organization_id_created_at_idx" ON "repair_requests" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "repair_requests_serial_idx" ON "repair_requests" USING btree ("serial");--> statement-breakpoint
CREATE INDEX "repair_requests_city_status_idx" ON "repair_requests" USING btree ("city","status");--> statement-breakpoint
CREATE INDEX "repair_stations_cities_idx" ON "repair_stations" USING gin ("cities");--> statement-breakpoint
CREATE INDEX "station_claim_lines_claim_id_idx" ON "station_claim_lines" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "station_claims_number_idx" ON "station_claims" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "station_claims_request_id_live_idx" ON "station_claims" USING btree ("request_id") WHERE "station_claims"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "station_claims_status_created_at_idx" ON "station_claims" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "station_claims_station_id_status_decided_at_idx" ON "station_claims" USING btree ("station_id","status","decided_at");--> statement-breakpoint
CREATE INDEX "station_claims_settlement_id_idx" ON "station_claims" USING btree ("settlement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "station_settlements_number_idx" ON "station_settlements" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "station_settlements_station_id_period_idx" ON "station_settlements" USING btree ("station_id","period");--> statement-breakpoint
CREATE INDEX "station_technicians_user_id_idx" ON "station_technicians" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "warranty_contracts_product_id_serial_ends_on_idx" ON "warranty_contracts" USING btree ("product_id","serial","ends_on");--> statement-breakpoint
CREATE INDEX "warranty_contracts_serial_idx" ON "warranty_contracts" USING btree ("serial");--> statement-breakpoint
CREATE UNIQUE INDEX "warranty_contracts_order_line_id_serial_idx" ON "warranty_contracts" USING btree ("order_line_id","serial") WHERE "warranty_contracts"."order_line_id" is not null;