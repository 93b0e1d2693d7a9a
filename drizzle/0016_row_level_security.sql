-- Row-level security as defense in depth for tenant-owned tables (docs/decisions/017).
-- The portal runs each transaction as cs_portal (SET LOCAL ROLE via set_config) with the tenant in
-- app.* settings; every other connection (back-office, worker, migrations) keeps the connecting role,
-- which the *_unrestricted policies let through. Roles are cluster-wide: create only when missing,
-- and tolerate a concurrent migration creating it first.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cs_portal') THEN
    BEGIN
      CREATE ROLE cs_portal NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
  -- A superuser may SET ROLE to anyone; an ordinary owner (DATABASE_URL) needs the membership.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
     AND NOT pg_has_role(current_user, 'cs_portal', 'MEMBER') THEN
    EXECUTE format('GRANT cs_portal TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO cs_portal;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cs_portal;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO cs_portal;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cs_portal;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO cs_portal;
--> statement-breakpoint
-- The tenant of the current transaction; empty or unset means none (and matches nothing).
CREATE FUNCTION cs_tenant(name text) RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.' || name, true), '')::uuid $$;
--> statement-breakpoint
-- Whether an extended-warranty order line of any buyer already names this serial: checkout must see
-- other buyers' pending extensions without seeing their orders.
CREATE FUNCTION cs_serial_extension_pending(serial text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    SELECT exists (select 1 from products p
                     join order_lines l on l.product_id = p.id
                     join orders o on o.id = l.order_id
                    where p.extended_warranty_months is not null and l.covered_serials @> array[$1]
                      and o.status <> 'cancelled'
                      and not exists (select 1 from warranty_contracts c where c.order_line_id = l.id and c.serial = $1))
  $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['orders', 'order_lines', 'shipments', 'invoices', 'payments', 'stock_locations', 'stock_levels',
                           'repair_requests', 'repair_attachments', 'rebate_statements'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I USING (current_user <> 'cs_portal') WITH CHECK (current_user <> 'cs_portal')$p$,
                   t || '_unrestricted', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Commercial documents: the buyer's own, and a master distributor's when it supplies them (app.supplier_id
-- is set only for an actor that may fulfil supplied orders), as access/scopes.ts tenantScope.
CREATE POLICY orders_tenant ON orders TO cs_portal
  USING (organization_id = cs_tenant('organization_id') OR supplier_id = cs_tenant('supplier_id'))
  WITH CHECK (organization_id = cs_tenant('organization_id') OR supplier_id = cs_tenant('supplier_id'));
--> statement-breakpoint
CREATE POLICY order_lines_tenant ON order_lines TO cs_portal
  USING (organization_id = cs_tenant('organization_id')
         OR exists (select 1 from orders o where o.id = order_id and o.supplier_id = cs_tenant('supplier_id')))
  WITH CHECK (organization_id = cs_tenant('organization_id')
         OR exists (select 1 from orders o where o.id = order_id and o.supplier_id = cs_tenant('supplier_id')));
--> statement-breakpoint
CREATE POLICY shipments_tenant ON shipments TO cs_portal
  USING (organization_id = cs_tenant('organization_id') OR supplier_id = cs_tenant('supplier_id'))
  WITH CHECK (organization_id = cs_tenant('organization_id') OR supplier_id = cs_tenant('supplier_id'));
--> statement-breakpoint
-- A master distributor invoices the orders it supplies.
CREATE POLICY invoices_tenant ON invoices TO cs_portal
  USING (organization_id = cs_tenant('organization_id')
         OR order_id IN (select id from orders o where o.supplier_id = cs_tenant('supplier_id')))
  WITH CHECK (organization_id = cs_tenant('organization_id')
         OR order_id IN (select id from orders o where o.supplier_id = cs_tenant('supplier_id')));
--> statement-breakpoint
CREATE POLICY payments_tenant ON payments TO cs_portal
  USING (organization_id = cs_tenant('organization_id')) WITH CHECK (organization_id = cs_tenant('organization_id'));
--> statement-breakpoint
CREATE POLICY rebate_statements_tenant ON rebate_statements TO cs_portal
  USING (organization_id = cs_tenant('organization_id')) WITH CHECK (organization_id = cs_tenant('organization_id'));
--> statement-breakpoint
-- Stock: location names are shown in shared move histories, so every location may be read; a partner
-- writes only its own. Levels: goods the partner owns anywhere, anything at its own locations, and
-- the distributor's goods at central locations; never goods another partner owns elsewhere.
CREATE POLICY stock_locations_read ON stock_locations FOR SELECT TO cs_portal USING (true);
--> statement-breakpoint
CREATE POLICY stock_locations_own ON stock_locations TO cs_portal
  USING (organization_id = cs_tenant('organization_id')) WITH CHECK (organization_id = cs_tenant('organization_id'));
--> statement-breakpoint
-- Written out rather than as a function: the planner hashes each subquery once per statement, where a
-- function with subqueries would run them again for every row.
CREATE POLICY stock_levels_tenant ON stock_levels TO cs_portal
  USING (owner_id = cs_tenant('organization_id')
         OR location_id IN (select l.id from stock_locations l where l.organization_id = cs_tenant('organization_id'))
         OR (owner_id = '00000000-0000-0000-0000-000000000000'::uuid
             AND location_id IN (select l.id from stock_locations l where l.organization_id IS NULL)))
  WITH CHECK (owner_id = cs_tenant('organization_id')
         OR location_id IN (select l.id from stock_locations l where l.organization_id = cs_tenant('organization_id'))
         OR (owner_id = '00000000-0000-0000-0000-000000000000'::uuid
             AND location_id IN (select l.id from stock_locations l where l.organization_id IS NULL)));
--> statement-breakpoint
-- Repair requests: filed by the dealer, assigned to the station, or the end customer's own
-- (access/scopes.ts serviceScope). A row cannot be moved out of the tenant, save by the hand-back below.
CREATE POLICY repair_requests_tenant ON repair_requests TO cs_portal
  USING (organization_id = cs_tenant('organization_id') OR station_id = cs_tenant('station_id')
         OR end_customer_id = cs_tenant('end_customer_id'))
  WITH CHECK (organization_id = cs_tenant('organization_id') OR station_id = cs_tenant('station_id')
         OR end_customer_id = cs_tenant('end_customer_id'));
--> statement-breakpoint
-- The one way a request leaves a station's rows: it declines a request assigned to it, not yet accepted,
-- and the request goes back to the desk unassigned (service/desk.ts declineRequest).
CREATE FUNCTION cs_repair_hand_back(request uuid, station uuid, at timestamptz) RETURNS integer LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    WITH done AS (
      UPDATE repair_requests SET station_id = NULL, assigned_at = NULL, updated_at = $3, version = version + 1
       WHERE id = $1 AND station_id = $2 AND status = 'submitted'
         AND (cs_tenant('station_id') = $2 OR (cs_tenant('organization_id') IS NULL AND cs_tenant('end_customer_id') IS NULL))
      RETURNING 1)
    SELECT count(*)::int FROM done
  $$;
--> statement-breakpoint
CREATE POLICY repair_attachments_tenant ON repair_attachments TO cs_portal
  USING (exists (select 1 from repair_requests r where r.id = request_id))
  WITH CHECK (exists (select 1 from repair_requests r where r.id = request_id));
