package io.vehiclesmonitor.backend.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.PingProcessor;
import io.vehiclesmonitor.backend.status.PingProcessor.PingResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The consumer: decodes each message, batches the valid pings, applies each batch with
 * one {@link PingProcessor} call and only then settles the messages (at-least-once). A
 * bad message is refused inside its own inner publisher, so it never stops the stream; a
 * failed batch is requeued after a growing delay, never dead-lettered.
 */
final class IngestPipeline {

	private static final Log logger = LogFactory.getLog(IngestPipeline.class);

	private final PingDecoder decoder;

	private final PingProcessor processor;

	private final IngestProperties properties;

	private final IngestMetrics metrics;

	private final Clock clock;

	private final RetryBackoff backoff;

	private final String source;

	private final PingsInFlight inFlight;

	/**
	 * A pipeline for one source.
	 * @param source the {@code source} tag of its metrics ({@link IngestMetrics#AMQP} or
	 * {@link IngestMetrics#HTTP})
	 */
	IngestPipeline(PingDecoder decoder, PingProcessor processor, IngestProperties properties, IngestMetrics metrics,
			Clock clock, String source, PingsInFlight inFlight) {
		this.source = source;
		this.inFlight = inFlight;
		this.decoder = decoder;
		this.processor = processor;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
		this.backoff = new RetryBackoff(properties.retryBackoff(), properties.retryBackoffMax());
	}

	/**
	 * Consumes until the source ends (never, for the broker) or the subscription is
	 * cancelled.
	 */
	Mono<Void> run(Flux<PingSource.SourcedMessage> messages) {
		// The plain bufferTimeout asks upstream for everything and the buffer after it
		// holds batches while every apply slot is busy; both stay bounded because the
		// source never has more than its prefetch of unsettled messages out. (The
		// fair-backpressure variant was seen to stop emitting under load, leaving a
		// prefetch of deliveries unacknowledged until shutdown.)
		return messages.flatMap(this::admit, this.properties.prefetch())
			.bufferTimeout(this.properties.maxBatch(), this.properties.maxWait())
			.onBackpressureBuffer()
			.flatMap(this::apply, this.properties.concurrency())
			.then();
	}

	private Flux<Pending> admit(PingSource.SourcedMessage message) {
		Decoded decoded;
		try {
			decoded = this.decoder.decode(message.message(), this.clock.instant());
		}
		catch (RuntimeException ex) {
			logger.error("Unexpected failure decoding a message; dead-lettering it", ex);
			decoded = new Decoded.Invalid(new Rejection(RejectReason.MALFORMED_JSON, "undecodable: " + ex));
		}
		if (decoded instanceof Decoded.Invalid invalid) {
			this.metrics.rejected(this.source, invalid.rejection().reason());
			return quietly(message.reject(invalid.rejection()), "dead-letter").thenMany(Flux.empty());
		}
		Decoded.Valid valid = (Decoded.Valid) decoded;
		valid.times().forEach(this.metrics::receiveTime);
		Instant oldest = valid.pings().stream().map(Ping::receivedAt).min(Instant::compareTo).orElseThrow();
		MessageTracker tracker = new MessageTracker(message, valid.pings().size(), oldest);
		this.inFlight.hold(oldest);
		return Flux.fromIterable(valid.pings()).map((ping) -> new Pending(ping, tracker));
	}

	private Mono<Void> apply(List<Pending> batch) {
		List<Ping> pings = batch.stream().map(Pending::ping).toList();
		Instant oldest = pings.stream().map(Ping::receivedAt).min(Instant::compareTo).orElseThrow();
		this.metrics.batch(pings.size(), oldest, this.clock.instant());
		return Mono.defer(() -> this.processor.apply(pings))
			.timeout(this.properties.applyTimeout())
			.map((results) -> new Settlement(completed(batch, results), Duration.ZERO))
			.onErrorResume((ex) -> {
				logger.warn("Applying a batch of " + pings.size() + " pings failed; requeueing it", ex);
				return Mono.just(new Settlement(failed(batch), this.backoff.failed()));
			})
			.flatMapMany((settlement) -> Flux.fromIterable(settlement.done())
				.flatMap((tracker) -> settle(tracker, settlement.requeueDelay())))
			.then();
	}

	private List<MessageTracker> completed(List<Pending> batch, List<PingResult> results) {
		if (results.size() != batch.size()) {
			throw new IllegalStateException(results.size() + " results for " + batch.size() + " pings");
		}
		this.backoff.succeeded();
		List<MessageTracker> done = new ArrayList<>();
		int accepted = 0;
		for (int i = 0; i < batch.size(); i++) {
			Pending pending = batch.get(i);
			PingResult result = results.get(i);
			accepted += (result != PingResult.UNKNOWN_VEHICLE) ? 1 : 0;
			if (pending.tracker().completed(pending.ping(), result)) {
				done.add(pending.tracker());
			}
		}
		this.metrics.accepted(this.source, accepted);
		return done;
	}

	private List<MessageTracker> failed(List<Pending> batch) {
		List<MessageTracker> done = new ArrayList<>();
		for (Pending pending : batch) {
			if (pending.tracker().failed()) {
				done.add(pending.tracker());
			}
		}
		return done;
	}

	private Mono<Void> settle(MessageTracker tracker, Duration requeueDelay) {
		return settlement(tracker, requeueDelay).doFinally((signal) -> this.inFlight.release(tracker.oldest()));
	}

	private Mono<Void> settlement(MessageTracker tracker, Duration requeueDelay) {
		PingSource.SourcedMessage message = tracker.message();
		return switch (tracker.outcome()) {
			case ACK -> quietly(message.ack(), "ack");
			case REQUEUE -> quietly(Mono.delay(requeueDelay).then(message.requeue()), "requeue");
			case UNKNOWN_VEHICLE -> {
				this.metrics.rejected(this.source, RejectReason.UNKNOWN_VEHICLE);
				yield quietly(message.reject(tracker.unknownVehicle()), "dead-letter");
			}
		};
	}

	/** A settlement that fails leaves the message to the broker's redelivery. */
	private static Mono<Void> quietly(Mono<Void> settlement, String what) {
		return settlement.onErrorResume((ex) -> {
			logger.warn("Could not " + what + " a message; the broker will deliver it again: " + ex.getMessage());
			return Mono.empty();
		});
	}

	private record Pending(Ping ping, MessageTracker tracker) {
	}

	/**
	 * Messages whose last ping a batch settled, and how long to wait before requeueing.
	 */
	private record Settlement(List<MessageTracker> done, Duration requeueDelay) {
	}

}
