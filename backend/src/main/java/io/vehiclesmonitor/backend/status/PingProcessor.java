package io.vehiclesmonitor.backend.status;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Entry of the status engine for ingestion: applies a batch of pings to the live state
 * atomically per vehicle and publishes the resulting changes exactly once. Every ping
 * source (RabbitMQ, HTTP, in-process) goes through here.
 */
public interface PingProcessor {

	/**
	 * Applies the pings; the returned results are in the order of {@code pings}.
	 * Completes only once the live state has been updated, so a caller may then
	 * acknowledge.
	 */
	Mono<List<PingResult>> apply(List<Ping> pings);

	/**
	 * What became of one ping.
	 */
	enum PingResult {

		/** Last seen moved forward (and maybe the vehicle became Connected). */
		APPLIED,

		/** A duplicate or an older ping than one already applied: nothing changed. */
		STALE,

		/** The VIN is not registered: no state was created. */
		UNKNOWN_VEHICLE

	}

}
