package io.vehiclesmonitor.simulator.transport;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Carries pings to the backend.
 */
public interface PingTransport {

	/**
	 * Send messages and wait for their fate. Never signals an error: whatever could not
	 * be delivered is counted in the report instead, so one bad send never stops the
	 * simulation.
	 * @param messages the messages of one send operation
	 * @return what happened to their pings
	 */
	Mono<SendReport> send(List<PingMessage> messages);

	/**
	 * Get ready before the first send (connect, declare), so the schedule does not start
	 * behind. Never signals an error: a transport that is not ready keeps trying on
	 * sends.
	 * @return completes when ready or when getting ready failed
	 */
	default Mono<Void> ready() {
		return Mono.empty();
	}

}
