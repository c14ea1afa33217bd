package io.vehiclesmonitor.backend.fleet;

/**
 * JSON of a customer with vehicle counts, its own heartbeat overrides ({@code null} =
 * inherited) and the effective policy its vehicles inherit.
 */
record CustomerView(long id, String name, String address, long vehicleCount, long connected, long disconnected,
		Integer pingIntervalSeconds, Integer pingGraceSeconds, HeartbeatView heartbeat) {
}
