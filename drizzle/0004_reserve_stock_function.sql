-- Reserves the distributor's free stock for one reference, one round trip for the whole order.
-- Products are handled in id order and, within a product, rows are locked in location order, so
-- concurrent reservations (and applyMoves/release, which lock in the same order) cannot deadlock.
-- An unlocked look first picks only the warehouses the line needs, so a line served by its first
-- choice locks one row, not one per warehouse. If, once locked, those rows no longer cover the line
-- while other warehouses might, the sub-block rolls back (releasing just those row locks) and the
-- product is redone with every candidate row locked in order. Shortfalls are returned, not raised.
CREATE OR REPLACE FUNCTION reserve_stock(
  p_reference_type text,
  p_reference_id text,
  p_products uuid[],
  p_quantities int[],
  p_warehouses uuid[]
) RETURNS TABLE (product_id uuid, location_id uuid, taken int)
LANGUAGE plpgsql AS $$
DECLARE
  v_owner constant uuid := '00000000-0000-0000-0000-000000000000';
  v_line record;
  v_needed uuid[];
  v_all boolean;
  v_pass int;
  v_start bigint;
BEGIN
  -- Rows this call adds are those of the reference above this id (identity values only grow).
  SELECT coalesce(max(r.id), 0) INTO v_start FROM stock_reservations r
   WHERE r.reference_type = p_reference_type AND r.reference_id = p_reference_id;
  FOR v_line IN
    SELECT u.pid, u.q FROM unnest(p_products, p_quantities) AS u(pid, q) ORDER BY u.pid
  LOOP
    FOR v_pass IN 1..2 LOOP
      v_all := v_pass = 2;
      BEGIN
        IF v_all THEN
          v_needed := p_warehouses;
        ELSE
          -- Warehouses by preference until their free stock (as last committed) covers the line.
          SELECT coalesce(array_agg(c.loc ORDER BY c.rank), '{}') INTO v_needed
            FROM (
              SELECT w.loc, w.rank,
                     coalesce(sum(s.on_hand - s.reserved) OVER (ORDER BY w.rank ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
                FROM unnest(p_warehouses) WITH ORDINALITY AS w(loc, rank)
                JOIN stock_levels s ON s.location_id = w.loc AND s.owner_id = v_owner AND s.product_id = v_line.pid
               WHERE s.on_hand - s.reserved > 0
            ) c
           WHERE c.before < v_line.q;
        END IF;

        PERFORM 1 FROM stock_levels s
         WHERE s.owner_id = v_owner AND s.product_id = v_line.pid AND s.location_id = ANY (v_needed)
         ORDER BY s.location_id
           FOR UPDATE;

        WITH free AS (
            SELECT w.loc, w.rank, s.on_hand - s.reserved AS free
              FROM unnest(p_warehouses) WITH ORDINALITY AS w(loc, rank)
              JOIN stock_levels s ON s.location_id = w.loc AND s.owner_id = v_owner AND s.product_id = v_line.pid
             WHERE w.loc = ANY (v_needed) AND s.on_hand - s.reserved > 0
          ), alloc AS (
            SELECT f.loc, least(f.free, v_line.q - coalesce(sum(f.free) OVER (ORDER BY f.rank ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))::int AS take
              FROM free f
          ), upd AS (
            UPDATE stock_levels s
               SET reserved = s.reserved + a.take, updated_at = now()
              FROM alloc a
             WHERE a.take > 0 AND s.owner_id = v_owner AND s.product_id = v_line.pid AND s.location_id = a.loc
               AND s.on_hand - s.reserved >= a.take
            RETURNING s.location_id AS loc, a.take
          )
          INSERT INTO stock_reservations (reference_type, reference_id, product_id, location_id, owner_id, quantity)
          SELECT p_reference_type, p_reference_id, v_line.pid, upd.loc, v_owner, upd.take FROM upd;

        -- Short on the first pass while other warehouses were not looked at: redo with all of them.
        IF NOT v_all AND cardinality(v_needed) < cardinality(p_warehouses)
           AND (SELECT coalesce(sum(r.quantity), 0) FROM stock_reservations r
                 WHERE r.reference_type = p_reference_type AND r.reference_id = p_reference_id
                   AND r.product_id = v_line.pid AND r.id > v_start) < v_line.q THEN
          RAISE EXCEPTION USING ERRCODE = 'CS001';
        END IF;
        EXIT;
      EXCEPTION WHEN SQLSTATE 'CS001' THEN
        -- Rolled back to the block's start: this product's locks and rows are gone; pass 2 follows.
      END;
    END LOOP;
  END LOOP;
  RETURN QUERY
    SELECT r.product_id, r.location_id, r.quantity FROM stock_reservations r
     WHERE r.reference_type = p_reference_type AND r.reference_id = p_reference_id AND r.id > v_start;
END;
$$;
