package io.vehiclesmonitor.backend.fleet;

/**
 * A row of {@code vehicles} joined with its owner; {@code null} heartbeat fields inherit
 * from the customer.
 */
record VehicleRow(String vin, String regNr, CustomerRow customer, Integer pingIntervalSeconds,
		Integer pingGraceSeconds) {
}
