-- Every vehicle has exactly one owner; a customer that still owns vehicles cannot be
-- deleted (RESTRICT). The VIN check is the ISO 3779 alphabet: digits and capitals
-- except I, O and Q. regexp_like exists in PostgreSQL 15 and H2 2.x alike.
CREATE TABLE vehicles (
    vin CHAR(17) NOT NULL,
    reg_nr VARCHAR(20) NOT NULL,
    customer_id BIGINT NOT NULL,
    ping_interval_seconds INT NULL,
    ping_grace_seconds INT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT vehicles_pk PRIMARY KEY (vin),
    CONSTRAINT vehicles_reg_nr_uk UNIQUE (reg_nr),
    CONSTRAINT vehicles_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT,
    CONSTRAINT vehicles_vin_ck CHECK (REGEXP_LIKE(vin, '^[A-HJ-NPR-Z0-9]{17}$')),
    CONSTRAINT vehicles_reg_nr_ck CHECK (CHAR_LENGTH(TRIM(reg_nr)) > 0),
    CONSTRAINT vehicles_ping_interval_ck CHECK (ping_interval_seconds IS NULL OR ping_interval_seconds > 0),
    CONSTRAINT vehicles_ping_grace_ck CHECK (ping_grace_seconds IS NULL OR ping_grace_seconds >= 0)
);

CREATE INDEX vehicles_customer_idx ON vehicles (customer_id);
