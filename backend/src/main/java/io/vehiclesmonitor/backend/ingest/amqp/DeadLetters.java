package io.vehiclesmonitor.backend.ingest.amqp;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Delivery;
import io.vehiclesmonitor.backend.ingest.Rejection;
import reactor.core.publisher.Mono;
import reactor.rabbitmq.OutboundMessage;
import reactor.rabbitmq.SendOptions;
import reactor.rabbitmq.Sender;

/**
 * Publishes a refused message, body and properties unchanged, to the dead-letter exchange
 * with the reason in headers, and completes only once the broker confirmed it.
 */
final class DeadLetters {

	/** Stable reason code, see {@code RejectReason}. */
	static final String REASON_HEADER = "x-vm-reject-reason";

	/** Human readable detail of the reason. */
	static final String DETAIL_HEADER = "x-vm-reject-detail";

	static final String ORIGINAL_EXCHANGE_HEADER = "x-vm-original-exchange";

	static final String ORIGINAL_ROUTING_KEY_HEADER = "x-vm-original-routing-key";

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

	private final Sender sender;

	private final String exchange;

	DeadLetters(Sender sender, String exchange) {
		this.sender = sender;
		this.exchange = exchange;
	}

	Mono<Void> publish(Delivery delivery, Rejection rejection) {
		AMQP.BasicProperties original = delivery.getProperties();
		Map<String, Object> headers = new HashMap<>();
		if (original.getHeaders() != null) {
			headers.putAll(original.getHeaders());
		}
		headers.put(REASON_HEADER, rejection.reason().code());
		headers.put(DETAIL_HEADER, rejection.detail());
		headers.put(ORIGINAL_EXCHANGE_HEADER, delivery.getEnvelope().getExchange());
		headers.put(ORIGINAL_ROUTING_KEY_HEADER, delivery.getEnvelope().getRoutingKey());
		AMQP.BasicProperties properties = original.builder().headers(headers).deliveryMode(2).build();
		OutboundMessage message = new OutboundMessage(this.exchange, delivery.getEnvelope().getRoutingKey(), properties,
				delivery.getBody());
		// A fresh channel per dead letter: refusals are rare, and a private channel keeps
		// confirm listeners from piling up on a shared one.
		return this.sender.sendWithPublishConfirms(Mono.just(message), new SendOptions().trackReturned(true))
			.next()
			.timeout(CONFIRM_TIMEOUT)
			.switchIfEmpty(Mono.error(new IllegalStateException("no confirmation for the dead letter")))
			.flatMap((result) -> (result.isAck() && !result.isReturned()) ? Mono.<Void>empty()
					: Mono.error(new IllegalStateException("dead letter not confirmed by the broker")));
	}

}
