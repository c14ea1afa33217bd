package io.vehiclesmonitor.backend.status;

import reactor.core.publisher.Flux;

/**
 * Every status change, delivered to every backend replica in id order, so any replica can
 * push it to its own stream subscribers.
 */
public interface ChangeBus {

	/**
	 * Hot stream of changes as they are published anywhere in the cluster. A subscriber
	 * without demand misses the changes published meanwhile and never holds back the
	 * others; it should buffer, and can catch up with {@link #changesAfter(long)}.
	 */
	Flux<StatusChange> changes();

	/**
	 * Changes retained after the given id, for resuming a stream; empty when none are
	 * retained that far back (the caller then needs a fresh snapshot).
	 */
	Flux<StatusChange> changesAfter(long id);

	/** Id of the newest published change, 0 when none. */
	reactor.core.publisher.Mono<Long> lastId();

}
