package io.vehiclesmonitor.backend.status;

import java.util.Collection;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Read side of the status engine, used by the fleet API to enrich vehicle rows with their
 * live status. Implementations answer one batch with one round trip.
 */
public interface LiveStatus {

	/**
	 * Live states of the given vehicles; a vehicle the engine has never seen maps to
	 * {@link VehicleState#neverSeen(String)}.
	 */
	Mono<Map<String, VehicleState>> states(Collection<String> vins);

}
