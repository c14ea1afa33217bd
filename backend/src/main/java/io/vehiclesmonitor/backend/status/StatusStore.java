package io.vehiclesmonitor.backend.status;

import java.time.Instant;

import reactor.core.publisher.Mono;

/**
 * The live state of the fleet: applies pings, answers status reads, follows the registry
 * and disconnects overdue vehicles. Every call first makes sure the state is seeded: an
 * empty store (first start, or Redis lost its data) continues from each vehicle's
 * {@link LastKnownStates last known state}, giving a vehicle last known Connected one
 * full timeout before it may turn Disconnected (see {@link Tracked#reseeded}).
 */
public interface StatusStore extends PingProcessor, LiveStatus, FleetSync {

	/**
	 * Disconnects every Connected vehicle whose deadline is at or before {@code limit},
	 * in bounded batches, each change published exactly once even when several replicas
	 * sweep at the same time.
	 * @return how many vehicles this call disconnected
	 */
	Mono<Integer> sweep(Instant limit);

	/**
	 * The earliest deadline of any Connected vehicle, due or not, so the sweeper can wake
	 * up right at it instead of at its next regular tick. A store may answer with an
	 * earlier time (a deadline that a ping has since moved later), which its next sweep
	 * up to that time corrects: the sweeper then wakes up early, never late.
	 * @return that deadline or one before it, or empty when no vehicle is Connected (or
	 * the store cannot tell, in which case the sweeper keeps its regular interval)
	 */
	default Mono<Instant> nextDeadline() {
		return Mono.empty();
	}

}
