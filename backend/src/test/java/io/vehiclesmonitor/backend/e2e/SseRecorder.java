package io.vehiclesmonitor.backend.e2e;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

/**
 * A client of one replica's {@code GET /vehicles/stream} that records every change it
 * receives, with the instant it arrived, plus snapshots completed and resyncs.
 */
final class SseRecorder implements AutoCloseable {

	private final ConcurrentLinkedQueue<Received> changes = new ConcurrentLinkedQueue<>();

	private final AtomicInteger snapshots = new AtomicInteger();

	private final AtomicInteger resyncs = new AtomicInteger();

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private final Disposable subscription;

	SseRecorder(Replica replica) {
		this.subscription = replica.web.get()
			.uri("/vehicles/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.subscribe(this::record, this.failure::set);
	}

	private void record(ServerSentEvent<String> event) {
		Instant now = Instant.now();
		if ("changes".equals(event.event())) {
			for (JsonNode change : Replica.json.readTree(event.data()).get("changes")) {
				this.changes.add(new Received(change.get("id").asLong(), change.get("vin").asString(),
						change.get("status").asString(), Replica.instant(change.get("at")),
						Replica.instant(change.get("lastSeen")), now));
			}
		}
		else if ("snapshot".equals(event.event()) && Replica.json.readTree(event.data()).get("complete").asBoolean()) {
			this.snapshots.incrementAndGet();
		}
		else if ("resync".equals(event.event())) {
			this.resyncs.incrementAndGet();
		}
	}

	boolean ready() {
		return this.snapshots.get() > 0;
	}

	int resyncs() {
		return this.resyncs.get();
	}

	Throwable failure() {
		return this.failure.get();
	}

	/** Changes received so far, in arrival order. */
	List<Received> changes() {
		return List.copyOf(this.changes);
	}

	@Override
	public void close() {
		this.subscription.dispose();
	}

	/** One change as a stream client saw it. */
	record Received(long id, String vin, String status, Instant at, Instant lastSeen, Instant receivedAt) {
	}

}
