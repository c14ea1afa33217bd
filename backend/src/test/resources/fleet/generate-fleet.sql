-- Benchmark fleet for PostgreSQL: :vehicles vehicles over customers of :per_customer
-- vehicles each, valid unique VINs ('GEN' + 14 digits) and reg nrs ('G' + 7 digits).
-- Set-based, one transaction; re-running inserts nothing twice. Run against a database
-- migrated by the backend (Flyway), before starting the backend:
--   psql -h 127.0.0.1 -U postgres -d vehicles -v vehicles=1000000 -v per_customer=1000 \
--        -f backend/src/test/resources/fleet/generate-fleet.sql
BEGIN;

INSERT INTO customers (name, address)
SELECT 'Benchmark Åkeri ' || lpad(c::text, 7, '0') || ' AB', 'Provvägen ' || c || ', 111 11 Södertälje'
FROM generate_series(1, (:vehicles + :per_customer - 1) / :per_customer) AS c
ON CONFLICT (name) DO NOTHING;

-- Customer ids in one array, so each vehicle picks its owner by index, not by a join.
INSERT INTO vehicles (vin, reg_nr, customer_id)
SELECT 'GEN' || lpad(v::text, 14, '0'), 'G' || lpad(v::text, 7, '0'),
       owners.ids[1 + ((v - 1) / :per_customer) % cardinality(owners.ids)]
FROM generate_series(1, :vehicles) AS v,
     (SELECT array_agg(id ORDER BY id) AS ids FROM customers WHERE name LIKE 'Benchmark Åkeri %') AS owners
ON CONFLICT DO NOTHING;

COMMIT;
