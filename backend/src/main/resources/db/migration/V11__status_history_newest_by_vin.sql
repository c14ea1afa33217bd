-- Re-seeding the live state reads the newest change of each vehicle
-- (MAX(change_id) per vin, see HistoryLastKnownStates): this index answers it per vehicle
-- without reading the vehicle's whole history.
CREATE INDEX status_history_vin_change_id ON status_history (vin, change_id);
