-- TEST ONLY (H2; version 900 stays clear of the real migrations): 100 000 vehicles of 100 customers for DashboardScaleBrowserTests, in its
-- own in-memory database so no other test sees them.
INSERT INTO customers (name, address)
SELECT 'Scale customer ' || "X", 'Scale street ' || "X" FROM SYSTEM_RANGE(1, 100);

INSERT INTO vehicles (vin, reg_nr, customer_id)
SELECT 'SCALE' || LPAD(CAST("X" AS VARCHAR), 12, '0'), 'SC' || "X",
       (SELECT id FROM customers WHERE name = 'Scale customer ' || (1 + MOD("X", 100)))
FROM SYSTEM_RANGE(1, 100000);

-- The reference fleet too: the database is not empty at start-up, so the application does
-- not seed it, and the test watches one of its vehicles (its customer sorts first).
INSERT INTO customers (name, address) VALUES
    ('Kalles Grustransporter AB', 'Cementvägen 8, 111 11 Södertälje'),
    ('Johans Bulk AB', 'Balkvägen 12, 222 22 Stockholm'),
    ('Haralds Värdetransporter AB', 'Budgetvägen 1, 333 33 Uppsala');

INSERT INTO vehicles (vin, reg_nr, customer_id)
SELECT v.vin, v.reg_nr, c.id
FROM (VALUES
    ('YS2R4X20005399401', 'ABC123', 'Kalles Grustransporter AB'),
    ('VLUR4X20009093588', 'DEF456', 'Kalles Grustransporter AB'),
    ('VLUR4X20009048066', 'GHI789', 'Kalles Grustransporter AB'),
    ('YS2R4X20005388011', 'JKL012', 'Johans Bulk AB'),
    ('YS2R4X20005387949', 'MNO345', 'Johans Bulk AB'),
    ('YS2R4X20005387765', 'PQR678', 'Haralds Värdetransporter AB'),
    ('YS2R4X20005387055', 'STU901', 'Haralds Värdetransporter AB')
) AS v (vin, reg_nr, customer)
JOIN customers c ON c.name = v.customer;
