package io.vehiclesmonitor.backend.ingest;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where ping messages come from (the RabbitMQ queue, or memory in tests). The ingest
 * pipeline settles every message it receives exactly once.
 */
public interface PingSource {

	/**
	 * The messages as they arrive, with backpressure; a broker-backed source reconnects
	 * on its own and does not end on a connection failure.
	 */
	Flux<SourcedMessage> messages();

	/**
	 * A received message that must be settled exactly once by one of the three methods.
	 * Their {@code Mono}s may fail when the transport is down; the message is then
	 * delivered again later.
	 */
	interface SourcedMessage {

		IncomingMessage message();

		/** Done with: every ping of it was applied. */
		Mono<Void> ack();

		/** Not applied: deliver it again (to this or another consumer). */
		Mono<Void> requeue();

		/** Refused: keep it in the dead-letter queue with the reason, never redeliver. */
		Mono<Void> reject(Rejection rejection);

	}

}
