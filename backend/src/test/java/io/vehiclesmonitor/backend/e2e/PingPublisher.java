package io.vehiclesmonitor.backend.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Publishes pings the way a gateway would (docs/message-contract.md): plain amqp-client,
 * straight to the shared broker (never through a replica's proxy), publisher confirms.
 * Blocking: test threads only.
 */
final class PingPublisher implements AutoCloseable {

	private static final String VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

	private static final long CONFIRM_TIMEOUT_MS = 30_000;

	private final Connection connection;

	private final Channel channel;

	private final String exchange;

	private int unconfirmed;

	PingPublisher(String exchange) throws IOException, TimeoutException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(5672);
		this.connection = factory.newConnection("vm-e2e-publisher");
		this.channel = this.connection.createChannel();
		this.channel.confirmSelect();
		this.exchange = exchange;
	}

	static String randomVin() {
		StringBuilder vin = new StringBuilder(17);
		for (int i = 0; i < 17; i++) {
			vin.append(VIN_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(VIN_ALPHABET.length())));
		}
		return vin.toString();
	}

	/** Publishes without waiting; {@link #confirm()} waits for every pending confirm. */
	void publish(String vin, Instant at) throws IOException {
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
			.timestamp(Date.from(at))
			.headers(Map.of("x-vm-version", 1, "x-vm-timestamp-ms", at.toEpochMilli()))
			.deliveryMode(2)
			.build();
		this.channel.basicPublish(this.exchange, "ping." + vin, properties,
				("{\"vin\":\"" + vin + "\"}").getBytes(StandardCharsets.UTF_8));
		this.unconfirmed++;
	}

	/**
	 * Publishes one gateway batch ({@code {"pings":[...]}}, routing key
	 * {@code ping.batch}) without waiting; every ping carries the message's time.
	 */
	void publishBatch(List<String> vins, Instant at) throws IOException {
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
			.timestamp(Date.from(at))
			.headers(Map.of("x-vm-version", 1, "x-vm-timestamp-ms", at.toEpochMilli()))
			.deliveryMode(2)
			.build();
		String body = vins.stream()
			.map((vin) -> "{\"vin\":\"" + vin + "\"}")
			.collect(Collectors.joining(",", "{\"pings\":[", "]}"));
		this.channel.basicPublish(this.exchange, "ping.batch", properties, body.getBytes(StandardCharsets.UTF_8));
		this.unconfirmed++;
	}

	/** Waits until the broker confirmed everything published so far (fails otherwise). */
	void confirm() throws IOException, InterruptedException, TimeoutException {
		if (this.unconfirmed > 0) {
			this.channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
			this.unconfirmed = 0;
		}
	}

	long ready(String queue) throws IOException, TimeoutException {
		try (Channel channel = this.connection.createChannel()) {
			return channel.queueDeclarePassive(queue).getMessageCount();
		}
	}

	void deleteTopology(String exchange, String queue, String deadLetterExchange, String deadLetterQueue)
			throws IOException, TimeoutException {
		try (Channel channel = this.connection.createChannel()) {
			channel.queueDelete(queue);
			channel.queueDelete(deadLetterQueue);
			channel.exchangeDelete(exchange);
			channel.exchangeDelete(deadLetterExchange);
		}
	}

	@Override
	public void close() throws IOException {
		this.connection.close();
	}

}
