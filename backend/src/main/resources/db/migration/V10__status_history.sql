-- Every status change, written by every replica and deduplicated by the change id (ids are
-- unique and increasing across replicas and restarts, see docs/redis-keys.md). No foreign key
-- to vehicles: the history of a removed vehicle stays.
CREATE TABLE status_history (
    change_id   BIGINT                   NOT NULL PRIMARY KEY,
    vin         CHAR(17)                 NOT NULL,
    status      VARCHAR(12)              NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen   TIMESTAMP WITH TIME ZONE NULL
);

CREATE INDEX status_history_vin_changed_at ON status_history (vin, changed_at);
