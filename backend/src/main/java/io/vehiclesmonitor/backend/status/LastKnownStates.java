package io.vehiclesmonitor.backend.status;

import java.util.Collection;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * The state each vehicle was last known to have, read from the change history, so a store
 * that lost its live state (first start, or Redis lost its data) continues from it
 * instead of guessing: a vehicle last known Disconnected stays Disconnected, one never
 * seen stays never seen.
 */
@FunctionalInterface
public interface LastKnownStates {

	/**
	 * The newest recorded state of each given vehicle that has one, as of its last change
	 * (so {@code lastSeen} may be older than the vehicle's true last ping); vehicles
	 * without history are absent.
	 */
	Mono<Map<String, VehicleState>> lastKnown(Collection<String> vins);

}
