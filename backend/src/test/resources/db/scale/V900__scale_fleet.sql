-- TEST ONLY (H2; version 900 stays clear of the real migrations): 100 000 vehicles of 100 customers for DashboardScaleBrowserTests, in its
-- own in-memory database so no other test sees them.
INSERT INTO customers (name, address)
SELECT 'Scale customer ' || "X", 'Scale street ' || "X" FROM SYSTEM_RANGE(1, 100);

INSERT INTO vehicles (vin, reg_nr, customer_id)
SELECT 'SCALE' || LPAD(CAST("X" AS VARCHAR), 12, '0'), 'SC' || "X",
       (SELECT id FROM customers WHERE name = 'Scale customer ' || (1 + MOD("X", 100)))
FROM SYSTEM_RANGE(1, 100000);
