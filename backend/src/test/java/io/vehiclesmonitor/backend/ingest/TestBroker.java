package io.vehiclesmonitor.backend.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * A plain amqp-client publisher and dead-letter reader for tests, connected straight to
 * the shared broker (not through the backend's proxy). Blocking: test threads only.
 */
final class TestBroker implements AutoCloseable {

	private static final String VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

	private final Connection connection;

	private final Channel channel;

	TestBroker() throws IOException, TimeoutException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(5672);
		this.connection = factory.newConnection("vm-ingest-it-publisher");
		this.channel = this.connection.createChannel();
		this.channel.confirmSelect();
	}

	static String randomVin() {
		StringBuilder vin = new StringBuilder(17);
		for (int i = 0; i < 17; i++) {
			vin.append(VIN_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(VIN_ALPHABET.length())));
		}
		return vin.toString();
	}

	/**
	 * Publishes a version 1 message with a millisecond timestamp, waiting for the
	 * confirm.
	 */
	void publish(String exchange, String body, String contentType, Instant sentAt) throws Exception {
		publish(exchange, "ping.test", body, contentType, sentAt);
	}

	void publish(String exchange, String routingKey, String body, String contentType, Instant sentAt) throws Exception {
		Map<String, Object> headers = new HashMap<>();
		headers.put("x-vm-version", 1);
		headers.put("x-vm-timestamp-ms", sentAt.toEpochMilli());
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType(contentType)
			.timestamp(Date.from(sentAt))
			.headers(headers)
			.deliveryMode(2)
			.build();
		this.channel.basicPublish(exchange, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
		this.channel.waitForConfirmsOrDie(Duration.ofSeconds(10).toMillis());
	}

	void publishPing(String exchange, String vin, Instant sentAt) throws Exception {
		publish(exchange, "{\"vin\":\"" + vin + "\"}", "application/json", sentAt);
	}

	/** Takes every message currently in the queue. */
	List<GetResponse> drain(String queue) throws Exception {
		return withChannel((channel) -> {
			List<GetResponse> messages = new ArrayList<>();
			GetResponse response;
			while ((response = channel.basicGet(queue, true)) != null) {
				messages.add(response);
			}
			return messages;
		});
	}

	/** Takes one message and rejects it without requeue, as a crashing consumer might. */
	void takeAndReject(String queue) throws Exception {
		withChannel((channel) -> {
			GetResponse message = channel.basicGet(queue, false);
			channel.basicNack(message.getEnvelope().getDeliveryTag(), false, false);
			return null;
		});
	}

	long ready(String queue) throws Exception {
		return withChannel((channel) -> channel.queueDeclarePassive(queue).getMessageCount());
	}

	void delete(String exchange, String queue, String deadLetterExchange, String deadLetterQueue) throws Exception {
		withChannel((channel) -> {
			channel.queueDelete(queue);
			channel.queueDelete(deadLetterQueue);
			channel.exchangeDelete(exchange);
			channel.exchangeDelete(deadLetterExchange);
			return null;
		});
	}

	/**
	 * A channel per call, since a failed passive declare closes the channel it ran on.
	 */
	private <T> T withChannel(ChannelCall<T> call) throws Exception {
		try (Channel channel = this.connection.createChannel()) {
			return call.apply(channel);
		}
	}

	private interface ChannelCall<T> {

		T apply(Channel channel) throws IOException;

	}

	@Override
	public void close() throws IOException {
		this.connection.close();
	}

	static Map<String, String> headers(GetResponse message) {
		Map<String, String> headers = new HashMap<>();
		message.getProps().getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
		return headers;
	}

}
