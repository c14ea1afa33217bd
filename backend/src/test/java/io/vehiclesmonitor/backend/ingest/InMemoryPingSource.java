package io.vehiclesmonitor.backend.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A finite, in-memory {@link PingSource} that records how each message was settled, and
 * how many pings the processor had applied at that moment.
 */
final class InMemoryPingSource implements PingSource {

	private final List<Message> messages = new ArrayList<>();

	private final IntSupplier appliedSoFar;

	InMemoryPingSource(IntSupplier appliedSoFar) {
		this.appliedSoFar = appliedSoFar;
	}

	Message add(String json) {
		return add(json, "application/json");
	}

	Message add(String json, String contentType) {
		return add(new IncomingMessage(json.getBytes(StandardCharsets.UTF_8), contentType, Map.of("x-vm-version", "1"),
				Instant.now()));
	}

	Message add(IncomingMessage incoming) {
		Message message = new Message(incoming);
		this.messages.add(message);
		return message;
	}

	@Override
	public Flux<SourcedMessage> messages() {
		return Flux.fromIterable(this.messages);
	}

	enum Settled {

		ACKED, REQUEUED, REJECTED

	}

	/**
	 * How a message was settled.
	 *
	 * @param how ack, requeue or reject
	 * @param rejection the reason, for a rejected message
	 * @param appliedBefore pings the processor had applied when this was settled
	 */
	record Settlement(Settled how, Rejection rejection, int appliedBefore) {
	}

	final class Message implements SourcedMessage {

		private final IncomingMessage message;

		private final List<Settlement> settlements = new CopyOnWriteArrayList<>();

		Message(IncomingMessage message) {
			this.message = message;
		}

		List<Settlement> settlements() {
			return this.settlements;
		}

		@Override
		public IncomingMessage message() {
			return this.message;
		}

		@Override
		public Mono<Void> ack() {
			return record(Settled.ACKED, null);
		}

		@Override
		public Mono<Void> requeue() {
			return record(Settled.REQUEUED, null);
		}

		@Override
		public Mono<Void> reject(Rejection rejection) {
			return record(Settled.REJECTED, rejection);
		}

		private Mono<Void> record(Settled how, Rejection rejection) {
			return Mono.fromRunnable(() -> this.settlements
				.add(new Settlement(how, rejection, InMemoryPingSource.this.appliedSoFar.getAsInt())));
		}

	}

}
