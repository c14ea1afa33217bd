package io.vehiclesmonitor.backend.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.GetResponse;
import io.vehiclesmonitor.backend.ingest.amqp.RabbitPingSource;
import io.vehiclesmonitor.backend.system.RabbitMqConnection;
import io.vehiclesmonitor.backend.system.RabbitMqProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import reactor.test.StepVerifier;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The RabbitMQ source keeps the ping source contract on the real broker at
 * 127.0.0.1:5672, on an exchange and queues unique to each test. A broker that is down
 * fails the tests.
 */
class RabbitPingSourceContractIntegrationTests extends PingSourceContractTests {

	private final String name = "vm.pings.contract-it-" + UUID.randomUUID().toString().substring(0, 8);

	private final RabbitMqProperties rabbit = new RabbitMqProperties("127.0.0.1", 5672, "guest", "guest", "/",
			this.name, Duration.ofMillis(200), this.name, this.name, "ping.#", this.name + ".dlx", this.name + ".dead",
			Duration.ofSeconds(10));

	private final IngestProperties ingest = new IngestProperties(PREFETCH, 200, Duration.ofMillis(20), 4,
			DataSize.ofKilobytes(64), Duration.ofSeconds(5), 1000, Duration.ofSeconds(1), Duration.ofMillis(100),
			Duration.ofMillis(500), Duration.ofSeconds(10), 1000, Duration.ofSeconds(5), Duration.ofSeconds(30),
			Duration.ofMillis(100), Duration.ofMillis(100));

	private final RabbitMqConnection connection = new RabbitMqConnection(this.rabbit);

	private final RabbitPingSource source = new RabbitPingSource(this.connection.connection(), this.rabbit,
			this.ingest);

	private final TestBroker broker;

	RabbitPingSourceContractIntegrationTests() throws Exception {
		this.broker = new TestBroker();
	}

	@BeforeEach
	void declareTheTopology() {
		this.source.declareTopology().as(StepVerifier::create).expectComplete().verify(TIMEOUT);
	}

	@AfterEach
	void deleteTheTopology() throws Exception {
		this.source.close();
		this.broker.delete(this.name, this.name, this.name + ".dlx", this.name + ".dead");
		this.broker.close();
		this.connection.destroy();
	}

	@Override
	PingSource source() {
		return this.source;
	}

	@Override
	void send(String body, String contentType, Instant timestamp) throws Exception {
		this.broker.publish(this.name, "ping.contract", body, contentType, timestamp);
	}

	@Override
	void assertDeadLettered(String body, Rejection rejection) throws Exception {
		List<GetResponse> dead = new ArrayList<>();
		await().atMost(TIMEOUT).until(() -> {
			dead.addAll(this.broker.drain(this.name + ".dead"));
			return !dead.isEmpty();
		});
		assertThat(dead).singleElement().satisfies((message) -> {
			assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
			assertThat(TestBroker.headers(message)).containsEntry("x-vm-reject-reason", rejection.reason().code())
				.containsEntry("x-vm-reject-detail", rejection.detail());
		});
	}

}
