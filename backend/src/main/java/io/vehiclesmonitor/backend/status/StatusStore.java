package io.vehiclesmonitor.backend.status;

import java.time.Instant;

import reactor.core.publisher.Mono;

/**
 * The live state of the fleet: applies pings, answers status reads, follows the registry
 * and disconnects overdue vehicles. Every write first makes sure the state is seeded, so
 * an empty store (first start, or Redis lost its data) gives every registered vehicle one
 * full timeout before it may turn Disconnected.
 */
public interface StatusStore extends PingProcessor, LiveStatus, FleetSync {

	/**
	 * Disconnects every Connected vehicle whose deadline is at or before {@code limit},
	 * in bounded batches, each change published exactly once even when several replicas
	 * sweep at the same time.
	 * @return how many vehicles this call disconnected
	 */
	Mono<Integer> sweep(Instant limit);

}
