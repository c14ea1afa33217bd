package io.vehiclesmonitor.backend.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * TEST ONLY: a vehicle gateway as described in {@code docs/message-contract.md}, with the
 * plain amqp-client, straight to the shared broker at 127.0.0.1:5672. Blocking: test
 * threads only.
 */
final class PingPublisher implements AutoCloseable {

	private final String exchange;

	private final Connection connection;

	private final Channel channel;

	PingPublisher(String exchange) {
		this.exchange = exchange;
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(5672);
		try {
			this.connection = factory.newConnection("vm-dashboard-e2e-publisher");
			this.channel = this.connection.createChannel();
			this.channel.confirmSelect();
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("RabbitMQ at 127.0.0.1:5672 (guest/guest) is required by this test", ex);
		}
	}

	/**
	 * Publishes one ping received at {@code at} (AMQP timestamp in seconds, the exact
	 * milliseconds in {@code x-vm-timestamp-ms}) and waits for the broker's confirm.
	 */
	void ping(String vin, Instant at) throws IOException, InterruptedException, TimeoutException {
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
			.timestamp(Date.from(at))
			.headers(Map.of("x-vm-version", 1, "x-vm-timestamp-ms", at.toEpochMilli()))
			.deliveryMode(2)
			.build();
		byte[] body = ("{\"vin\":\"" + vin + "\"}").getBytes(StandardCharsets.UTF_8);
		this.channel.basicPublish(this.exchange, "ping." + vin, properties, body);
		this.channel.waitForConfirmsOrDie(10_000);
	}

	void deleteTopology(String queue, String deadLetterExchange, String deadLetterQueue) throws IOException {
		this.channel.queueDelete(queue);
		this.channel.queueDelete(deadLetterQueue);
		this.channel.exchangeDelete(this.exchange);
		this.channel.exchangeDelete(deadLetterExchange);
	}

	@Override
	public void close() throws IOException {
		this.connection.close();
	}

}
