package io.vehiclesmonitor.backend.fleet;

/**
 * A row of {@code customers}; {@code null} heartbeat fields inherit the global policy.
 */
record CustomerRow(long id, String name, String address, Integer pingIntervalSeconds, Integer pingGraceSeconds) {
}
