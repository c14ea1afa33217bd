package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.util.Collection;

import reactor.core.publisher.Mono;

/**
 * How the fleet registry tells the status engine which vehicles exist and what their
 * effective timeout is. Pings for vehicles not registered here are rejected, so no one
 * can grow the live state without bound.
 */
public interface FleetSync {

	/** Registers vehicles or updates their effective timeout (idempotent). */
	Mono<Void> upsert(Collection<RegisteredVehicle> vehicles);

	/** Forgets vehicles and their live state (idempotent). */
	Mono<Void> remove(Collection<String> vins);

	/**
	 * A registered vehicle and its effective timeout (expected interval plus grace).
	 */
	record RegisteredVehicle(String vin, Duration timeout) {
	}

}
