package io.vehiclesmonitor.backend.fleet;

import java.time.Instant;

import io.vehiclesmonitor.backend.status.Status;

/**
 * JSON of a vehicle with its owner, live status and effective heartbeat policy.
 */
record VehicleView(String vin, String regNr, Owner customer, Status status, Instant lastSeen, Instant since,
		HeartbeatView heartbeat) {

	/** JSON of the owning customer inside a vehicle. */
	record Owner(long id, String name, String address) {
	}

}
