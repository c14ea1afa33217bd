-- TEST ONLY (H2; version 901 stays clear of the real migrations): 10 000 vehicles of 100 customers for
-- SseFanoutBenchmark, in its own in-memory database so no other test sees them. The database is not
-- empty at start-up, so the application does not seed the reference fleet.
INSERT INTO customers (name, address)
SELECT 'Bench customer ' || LPAD(CAST("X" AS VARCHAR), 3, '0'), 'Bench street ' || "X" FROM SYSTEM_RANGE(1, 100);

INSERT INTO vehicles (vin, reg_nr, customer_id)
SELECT 'BENCH' || LPAD(CAST("X" AS VARCHAR), 12, '0'), 'BE' || "X",
       (SELECT id FROM customers WHERE name = 'Bench customer ' || LPAD(CAST(1 + MOD("X", 100) AS VARCHAR), 3, '0'))
FROM SYSTEM_RANGE(1, 10000);
