package io.vehiclesmonitor.simulator.transport.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.vehiclesmonitor.simulator.SimulatorProperties;
import io.vehiclesmonitor.simulator.transport.PingMessage;
import io.vehiclesmonitor.simulator.transport.SendReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishes to the real RabbitMQ at 127.0.0.1:5672 (fails when it is not there) on an
 * exchange and queue unique to this run, and reads back what arrived.
 */
class AmqpPublisherIntegrationTests {

	private static final Instant SENT_AT = Instant.parse("2026-11-28T15:00:00.123Z");

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final String exchange = "vm.pings.test-" + this.run;

	private final String queue = "vm.pings.test-" + this.run + ".all";

	private Connection connection;

	private Channel channel;

	private AmqpPingTransport transport;

	@BeforeEach
	void connectAndStartThePublisher() throws Exception {
		this.connection = new ConnectionFactory().newConnection("vm-simulator-test-reader-" + this.run);
		this.channel = this.connection.createChannel();
		this.transport = new AmqpPingTransport(settings(this.exchange, "vm-simulator-test-" + this.run), 4,
				Clock.fixed(SENT_AT, ZoneOffset.UTC));
	}

	@AfterEach
	void cleanUp() throws Exception {
		this.transport.close();
		this.channel.queueDelete(this.queue);
		this.channel.exchangeDelete(this.exchange);
		this.connection.close();
	}

	@Test
	void theExchangeIsDeclaredDurableTopicSoThePublisherMayStartBeforeTheBackend() throws Exception {
		this.transport.send(List.of(new PingMessage(List.of("1M8GDM9AXKP042788"))))
			.as(StepVerifier::create)
			.expectNext(SendReport.confirmed(1))
			.verifyComplete();

		// A passive declaration succeeds only if the exchange exists; redeclaring it as a
		// durable topic succeeds only if that is what it is.
		this.channel.exchangeDeclarePassive(this.exchange);
		this.channel.exchangeDeclare(this.exchange, "topic", true);
	}

	@Test
	void singlePingsArriveWithTheContractsBodyPropertiesAndHeaders() throws Exception {
		bindQueue();
		List<PingMessage> messages = List.of(new PingMessage(List.of("1M8GDM9AXKP042788")),
				new PingMessage(List.of("1HGCM82633A004352")), new PingMessage(List.of("11111111111111111")));

		this.transport.send(messages).as(StepVerifier::create).expectNext(SendReport.confirmed(3)).verifyComplete();

		List<GetResponse> arrived = drain();
		assertThat(arrived).hasSize(3);
		assertThat(arrived).extracting((response) -> body(response))
			.containsExactly("{\"vin\":\"1M8GDM9AXKP042788\"}", "{\"vin\":\"1HGCM82633A004352\"}",
					"{\"vin\":\"11111111111111111\"}");
		assertThat(arrived).extracting((response) -> response.getEnvelope().getRoutingKey())
			.containsExactly("ping.1M8GDM9AXKP042788", "ping.1HGCM82633A004352", "ping.11111111111111111");
		assertThat(arrived).allSatisfy((response) -> {
			assertThat(response.getProps().getContentType()).isEqualTo("application/json");
			assertThat(response.getProps().getDeliveryMode()).isEqualTo(2);
			// AMQP timestamps have whole seconds; the header carries the milliseconds.
			assertThat(response.getProps().getTimestamp().toInstant()).isEqualTo(Instant.parse("2026-11-28T15:00:00Z"));
			assertThat(response.getProps().getHeaders().get("x-vm-timestamp-ms")).isEqualTo(SENT_AT.toEpochMilli());
			assertThat(response.getProps().getHeaders().get("x-vm-version")).isEqualTo(1);
		});
	}

	@Test
	void batchesCarryManyPingsPerMessage() throws Exception {
		bindQueue();
		List<String> vins = List.of("1M8GDM9AXKP042788", "1HGCM82633A004352", "11111111111111111", "5GZCZ43D13S812715",
				"1M8GDM9AXKP042788");

		this.transport.send(PingMessage.split(vins, 2))
			.as(StepVerifier::create)
			.expectNext(SendReport.confirmed(5))
			.verifyComplete();

		List<GetResponse> arrived = drain();
		assertThat(arrived).extracting(AmqpPublisherIntegrationTests::body)
			.containsExactly("{\"pings\":[{\"vin\":\"1M8GDM9AXKP042788\"},{\"vin\":\"1HGCM82633A004352\"}]}",
					"{\"pings\":[{\"vin\":\"11111111111111111\"},{\"vin\":\"5GZCZ43D13S812715\"}]}",
					"{\"vin\":\"1M8GDM9AXKP042788\"}");
		assertThat(arrived).extracting((response) -> response.getEnvelope().getRoutingKey())
			.containsExactly("ping.batch", "ping.batch", "ping.1M8GDM9AXKP042788");
		assertThat(arrived).allSatisfy((response) -> assertThat(response.getProps().getDeliveryMode()).isEqualTo(2));
	}

	@Test
	void manyMessagesAreAllConfirmedAndAllArrive() throws Exception {
		bindQueue();
		List<PingMessage> messages = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			messages.add(new PingMessage(List.of("1M8GDM9AXKP042788")));
		}

		this.transport.send(messages).as(StepVerifier::create).expectNext(SendReport.confirmed(5000)).verifyComplete();

		assertThat(this.channel.queueDeclarePassive(this.queue).getMessageCount()).isEqualTo(5000);
	}

	static SimulatorProperties.Rabbitmq settings(String exchange, String connectionName) {
		return new SimulatorProperties.Rabbitmq("127.0.0.1", 5672, "guest", "guest", "/", exchange, connectionName,
				Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2));
	}

	private void bindQueue() throws Exception {
		// The exchange exists once the publisher has connected; declare it the same way
		// first
		// so the queue can be bound before anything is sent.
		this.channel.exchangeDeclare(this.exchange, "topic", true);
		this.channel.queueDeclare(this.queue, false, false, true, null);
		this.channel.queueBind(this.queue, this.exchange, "ping.#");
	}

	private List<GetResponse> drain() throws Exception {
		List<GetResponse> arrived = new ArrayList<>();
		GetResponse response;
		while ((response = this.channel.basicGet(this.queue, true)) != null) {
			arrived.add(response);
		}
		return arrived;
	}

	private static String body(GetResponse response) {
		return new String(response.getBody(), StandardCharsets.UTF_8);
	}

}
