package io.vehiclesmonitor.backend.ingest.amqp;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import io.vehiclesmonitor.backend.ingest.IncomingMessage;
import io.vehiclesmonitor.backend.ingest.PingSource;
import io.vehiclesmonitor.backend.ingest.Rejection;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.rabbitmq.AcknowledgableDelivery;

/**
 * One delivery from the ping queue. Its ack goes out with the run of its channel's
 * settled deliveries ({@link AckRuns}). Acks and nacks write to the channel's socket, so
 * they run on a worker thread, never on the thread that completed the batch (which may be
 * an event loop of the status store's client).
 */
final class RabbitMessage implements PingSource.SourcedMessage {

	private final AcknowledgableDelivery delivery;

	private final AckRuns<AcknowledgableDelivery> runs;

	private final AckRuns.Slot<AcknowledgableDelivery> slot;

	private final DeadLetters deadLetters;

	private final IncomingMessage message;

	/** Registers the delivery with its channel's runs: construct in delivery order. */
	RabbitMessage(AcknowledgableDelivery delivery, AckRuns<AcknowledgableDelivery> runs, DeadLetters deadLetters) {
		this.delivery = delivery;
		this.runs = runs;
		this.slot = runs.delivered(delivery);
		this.deadLetters = deadLetters;
		this.message = toMessage(delivery.getProperties(), delivery.getBody());
	}

	static IncomingMessage toMessage(AMQP.BasicProperties properties, byte[] body) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (properties.getHeaders() != null) {
			// LongString and numeric header values both read naturally as text.
			properties.getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
		}
		Instant timestamp = (properties.getTimestamp() != null) ? properties.getTimestamp().toInstant() : null;
		return new IncomingMessage(body, properties.getContentType(), Map.copyOf(headers), timestamp);
	}

	@Override
	public IncomingMessage message() {
		return this.message;
	}

	/**
	 * Completes once the ack is sent, or, when an earlier delivery of the channel is
	 * still unsettled, once it is due: that delivery's settlement sends it.
	 */
	@Override
	public Mono<Void> ack() {
		return Mono.defer(() -> this.runs.ackDue(this.slot)
				? Mono.<Void>fromRunnable(this.runs::flush).subscribeOn(Schedulers.boundedElastic()) : Mono.empty());
	}

	@Override
	public Mono<Void> requeue() {
		return nack(true);
	}

	/**
	 * Dead-letters the message with its reason and only then acks it. If the dead letter
	 * cannot be confirmed, the message is nacked without requeue so the queue's own
	 * dead-letter exchange keeps it (without our reason headers, with the broker's
	 * {@code x-death}).
	 */
	@Override
	public Mono<Void> reject(Rejection rejection) {
		return this.deadLetters.publish(this.delivery, rejection).then(ack()).onErrorResume((ex) -> nack(false));
	}

	private Mono<Void> nack(boolean requeue) {
		return Mono.<Void>fromRunnable(() -> this.runs.settledBy(this.slot, () -> this.delivery.nack(requeue)))
			.subscribeOn(Schedulers.boundedElastic());
	}

}
