package io.vehiclesmonitor.backend.status;

import java.time.Instant;

/**
 * Live state of one vehicle as kept by the status engine.
 *
 * @param vin the vehicle
 * @param status current status
 * @param lastSeen last ping time, {@code null} if never seen
 * @param since when the current status began, {@code null} if never seen
 */
public record VehicleState(String vin, Status status, Instant lastSeen, Instant since) {

	public static VehicleState neverSeen(String vin) {
		return new VehicleState(vin, Status.DISCONNECTED, null, null);
	}

}
