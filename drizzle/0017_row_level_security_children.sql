-- order_events gets the buyer, as order_lines has it: checkout writes an order and its first events in one
-- statement, where a look-up of the order from the events' policy would not see it yet.
ALTER TABLE "order_events" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
UPDATE "order_events" e SET "organization_id" = o."organization_id" FROM "orders" o WHERE o."id" = e."order_id";--> statement-breakpoint
ALTER TABLE "order_events" ALTER COLUMN "organization_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Row-level security on the rest of the tenant data the portal reaches (docs/decisions/019): the lines,
-- events and allocations of the documents 0016 covered, carts and templates, returns, the rebate ledger
-- and balance, station claims and settlements, devices, partner stock documents and notifications.
-- A child without a tenant column is visible exactly when its parent is: its policy asks for the parent
-- row, and that subquery runs under the parent's own policy (a primary-key probe per child row).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['order_events', 'order_submissions', 'cart_items', 'order_templates', 'order_template_lines',
                           'shipment_lines', 'invoice_lines', 'payment_allocations', 'return_requests', 'return_lines',
                           'rebate_statement_lines', 'rebate_ledger', 'rebate_balances', 'rebate_adjustments',
                           'price_protection_lines', 'repair_events', 'repair_parts', 'station_claims', 'station_claim_lines',
                           'station_settlements', 'devices', 'stock_documents', 'stock_document_lines', 'notifications'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I USING (current_user <> 'cs_portal') WITH CHECK (current_user <> 'cs_portal')$p$,
                   t || '_unrestricted', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Tables keyed by the partner (the buyer, the rebate earner, the owner of a template or a stock document).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['order_submissions', 'cart_items', 'order_templates', 'return_requests', 'rebate_ledger',
                           'rebate_balances', 'rebate_adjustments', 'price_protection_lines', 'stock_documents'] LOOP
    EXECUTE format($p$CREATE POLICY %I ON %I TO cs_portal
                        USING (organization_id = cs_tenant('organization_id'))
                        WITH CHECK (organization_id = cs_tenant('organization_id'))$p$, t || '_tenant', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- A repair station's claims and settlements (app.station_id is set only for an actor that works repairs).
CREATE POLICY station_claims_tenant ON station_claims TO cs_portal
  USING (station_id = cs_tenant('station_id')) WITH CHECK (station_id = cs_tenant('station_id'));
--> statement-breakpoint
CREATE POLICY station_settlements_tenant ON station_settlements TO cs_portal
  USING (station_id = cs_tenant('station_id')) WITH CHECK (station_id = cs_tenant('station_id'));
--> statement-breakpoint
-- Children seen through their parent (whose policy applies inside the subquery).
-- As order_lines: the buyer's own, and those of orders a master distributor supplies.
CREATE POLICY order_events_tenant ON order_events TO cs_portal
  USING (organization_id = cs_tenant('organization_id')
         OR exists (select 1 from orders o where o.id = order_id and o.supplier_id = cs_tenant('supplier_id')))
  WITH CHECK (organization_id = cs_tenant('organization_id')
         OR exists (select 1 from orders o where o.id = order_id and o.supplier_id = cs_tenant('supplier_id')));
--> statement-breakpoint
CREATE POLICY order_template_lines_tenant ON order_template_lines TO cs_portal
  USING (exists (select 1 from order_templates p where p.id = template_id))
  WITH CHECK (exists (select 1 from order_templates p where p.id = template_id));
--> statement-breakpoint
CREATE POLICY shipment_lines_tenant ON shipment_lines TO cs_portal
  USING (exists (select 1 from shipments p where p.id = shipment_id))
  WITH CHECK (exists (select 1 from shipments p where p.id = shipment_id));
--> statement-breakpoint
-- Invoice lines of invoices and credit notes alike (both are rows of invoices).
CREATE POLICY invoice_lines_tenant ON invoice_lines TO cs_portal
  USING (exists (select 1 from invoices p where p.id = invoice_id))
  WITH CHECK (exists (select 1 from invoices p where p.id = invoice_id));
--> statement-breakpoint
CREATE POLICY payment_allocations_tenant ON payment_allocations TO cs_portal
  USING (exists (select 1 from invoices p where p.id = invoice_id))
  WITH CHECK (exists (select 1 from invoices p where p.id = invoice_id));
--> statement-breakpoint
CREATE POLICY return_lines_tenant ON return_lines TO cs_portal
  USING (exists (select 1 from return_requests p where p.id = return_id))
  WITH CHECK (exists (select 1 from return_requests p where p.id = return_id));
--> statement-breakpoint
CREATE POLICY rebate_statement_lines_tenant ON rebate_statement_lines TO cs_portal
  USING (exists (select 1 from rebate_statements p where p.id = statement_id))
  WITH CHECK (exists (select 1 from rebate_statements p where p.id = statement_id));
--> statement-breakpoint
CREATE POLICY repair_events_tenant ON repair_events TO cs_portal
  USING (exists (select 1 from repair_requests p where p.id = request_id))
  WITH CHECK (exists (select 1 from repair_requests p where p.id = request_id));
--> statement-breakpoint
CREATE POLICY repair_parts_tenant ON repair_parts TO cs_portal
  USING (exists (select 1 from repair_requests p where p.id = request_id))
  WITH CHECK (exists (select 1 from repair_requests p where p.id = request_id) AND station_id = cs_tenant('station_id'));
--> statement-breakpoint
CREATE POLICY station_claim_lines_tenant ON station_claim_lines TO cs_portal
  USING (exists (select 1 from station_claims p where p.id = claim_id))
  WITH CHECK (exists (select 1 from station_claims p where p.id = claim_id));
--> statement-breakpoint
CREATE POLICY stock_document_lines_tenant ON stock_document_lines TO cs_portal
  USING (exists (select 1 from stock_documents p where p.id = document_id))
  WITH CHECK (exists (select 1 from stock_documents p where p.id = document_id));
--> statement-breakpoint
-- Devices: the end customer's own, and those of repair requests the partner may see (the dealer that
-- filed, the station that repairs); only the end customer registers one.
CREATE POLICY devices_tenant ON devices TO cs_portal
  USING (end_customer_id = cs_tenant('end_customer_id')
         OR id IN (select r.device_id from repair_requests r where r.device_id is not null))
  WITH CHECK (end_customer_id = cs_tenant('end_customer_id'));
--> statement-breakpoint
-- Notifications are the user's own; any transaction may notify others (staff, the other party of a
-- document), so inserting is open, reading, marking and deleting are not.
CREATE POLICY notifications_read ON notifications FOR SELECT TO cs_portal USING (user_id = cs_tenant('user_id'));
--> statement-breakpoint
CREATE POLICY notifications_notify ON notifications FOR INSERT TO cs_portal WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY notifications_mark ON notifications FOR UPDATE TO cs_portal
  USING (user_id = cs_tenant('user_id')) WITH CHECK (user_id = cs_tenant('user_id'));
--> statement-breakpoint
CREATE POLICY notifications_remove ON notifications FOR DELETE TO cs_portal USING (user_id = cs_tenant('user_id'));
--> statement-breakpoint
-- Device registration must know whether another customer holds the serial, without seeing that customer.
CREATE FUNCTION cs_serial_registered_elsewhere(product uuid, serial text, customer uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    SELECT exists (select 1 from devices d where d.product_id = $1 and d.serial = $2 and d.active and d.end_customer_id <> $3)
  $$;
--> statement-breakpoint
-- The warranty of a serial counts from a proven registration whoever holds the device (a dealer or a
-- station checks a customer's device): the date alone, never the customer.
CREATE FUNCTION cs_registered_purchase_on(product uuid, serial text) RETURNS date LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    SELECT d.purchased_on from devices d
     where d.product_id = $1 and d.serial = $2 and d.active and d.proof_path is not null and d.purchased_on is not null
       and d.status <> 'flagged'
     limit 1
  $$;
--> statement-breakpoint
-- A customer who proves a login the distributor already knew takes over that customer record: what it
-- recorded on its interim record (devices, repair requests) moves over. Only the interim customer's own
-- rows move (the tenant must be that customer), into the record the domain found (users/verify-login.ts);
-- a connection that is not the portal's (no tenant, not cs_portal) may do it as well.
CREATE FUNCTION cs_adopt_end_customer(interim uuid, known uuid) RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
  DECLARE moved integer := 0; n integer;
  BEGIN
    IF cs_tenant('end_customer_id') IS DISTINCT FROM interim
       AND (cs_tenant('end_customer_id') IS NOT NULL OR session_user = 'cs_portal') THEN
      RAISE EXCEPTION 'cs_adopt_end_customer: not the interim customer' USING ERRCODE = '42501';
    END IF;
    UPDATE devices SET end_customer_id = known WHERE end_customer_id = interim;
    GET DIAGNOSTICS n = ROW_COUNT; moved := moved + n;
    UPDATE repair_requests SET end_customer_id = known WHERE end_customer_id = interim;
    GET DIAGNOSTICS n = ROW_COUNT; moved := moved + n;
    RETURN moved;
  END $$;
