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
 * One delivery from the ping queue. Acks and nacks write to the channel's socket, so they
 * run on a worker thread, never on the thread that completed the batch (which may be an
 * event loop of the status store's client).
 */
final class RabbitMessage implements PingSource.SourcedMessage {

	private final AcknowledgableDelivery delivery;

	private final DeadLetters deadLetters;

	private final IncomingMessage message;

	RabbitMessage(AcknowledgableDelivery delivery, DeadLetters deadLetters) {
		this.delivery = delivery;
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

	@Override
	public Mono<Void> ack() {
		return Mono.<Void>fromRunnable(() -> this.delivery.ack()).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Mono<Void> requeue() {
		return Mono.<Void>fromRunnable(() -> this.delivery.nack(true)).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Dead-letters the message with its reason and only then acks it. If the dead letter
	 * cannot be confirmed, the message is nacked without requeue so the queue's own
	 * dead-letter exchange keeps it (without our reason headers, with the broker's
	 * {@code x-death}).
	 */
	@Override
	public Mono<Void> reject(Rejection rejection) {
		return this.deadLetters.publish(this.delivery, rejection)
			.then(ack())
			.onErrorResume((ex) -> Mono.<Void>fromRunnable(() -> this.delivery.nack(false))
				.subscribeOn(Schedulers.boundedElastic()));
	}

}
