package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.GetResponse;
import io.vehiclesmonitor.backend.ingest.amqp.RabbitPingSource;
import io.vehiclesmonitor.backend.system.RabbitMqConnection;
import io.vehiclesmonitor.backend.system.RabbitMqProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The topology the backend declares on the real broker, under names unique to this run.
 */
class RabbitTopologyIntegrationTests {

	private final String name = "vm.pings.topology-it-" + UUID.randomUUID().toString().substring(0, 8);

	private final RabbitMqProperties properties = new RabbitMqProperties("127.0.0.1", 5672, "guest", "guest", "/",
			this.name, Duration.ofMillis(200), this.name, this.name, "ping.#", this.name + ".dlx", this.name + ".dead",
			Duration.ofSeconds(10));

	private final RabbitMqConnection connection = new RabbitMqConnection(this.properties);

	private final RabbitPingSource source = new RabbitPingSource(this.connection.connection(), this.properties,
			IngestProperties.defaults());

	private final TestBroker broker;

	RabbitTopologyIntegrationTests() throws Exception {
		this.broker = new TestBroker();
	}

	@AfterEach
	void deleteTheTopology() throws Exception {
		this.broker.delete(this.name, this.name, this.name + ".dlx", this.name + ".dead");
		this.broker.close();
		this.source.close();
		this.connection.destroy();
	}

	@Test
	void declaringTwiceIsHarmlessAndOnlyPingRoutingKeysReachTheQueue() throws Exception {
		this.source.declareTopology().as(StepVerifier::create).verifyComplete();
		this.source.declareTopology().as(StepVerifier::create).verifyComplete();

		this.broker.publish(this.name, "ping.vehicle", "{}", "application/json", Instant.now());
		this.broker.publish(this.name, "ping.gateway.g17", "{}", "application/json", Instant.now());
		this.broker.publish(this.name, "status.vehicle", "{}", "application/json", Instant.now());

		assertThat(this.broker.ready(this.name)).isEqualTo(2);
		this.source.queueDepth().as(StepVerifier::create).expectNext(2L).verifyComplete();
	}

	@Test
	void aMessageRejectedWithoutOurHelpStillReachesTheDeadLetterQueue() throws Exception {
		this.source.declareTopology().as(StepVerifier::create).verifyComplete();
		this.broker.publish(this.name, "ping.vehicle", "{}", "application/json", Instant.now());

		this.broker.takeAndReject(this.name);

		await().atMost(Duration.ofSeconds(5)).until(() -> this.broker.ready(this.name + ".dead") == 1);
		List<GetResponse> dead = this.broker.drain(this.name + ".dead");
		assertThat(dead).singleElement()
			.satisfies((message) -> assertThat(message.getProps().getHeaders()).containsKey("x-death"));
	}

}
