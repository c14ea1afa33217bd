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

}
