package io.vehiclesmonitor.backend.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.IngestProgress;
import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.system.ClockConfiguration;
import io.vehiclesmonitor.backend.system.RabbitMqConnection;
import io.vehiclesmonitor.backend.system.RabbitMqProperties;
import io.vehiclesmonitor.backend.support.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The distributed ingest wiring against the real RabbitMQ at 127.0.0.1:5672, on exchanges
 * and queues unique to this run, reached through a proxy the tests can cut. The status
 * engine is a recording stand-in.
 */
@SpringBootTest(classes = IngestIntegrationTests.Config.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestIntegrationTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String EXCHANGE = "vm.pings.it-" + RUN;

	private static final String QUEUE = "vm.pings.it-" + RUN;

	private static final String DLX = "vm.pings.it-" + RUN + ".dlx";

	private static final String DLQ = "vm.pings.it-" + RUN + ".dead";

	private static final long BACKLOG_THRESHOLD = 30;

	private static final Duration TRANSIT_ALLOWANCE = Duration.ofMillis(100);

	private static final TcpProxy proxy = new TcpProxy("127.0.0.1", 5672);

	@Autowired
	private RecordingPingProcessor processor;

	@Autowired
	private IngestProgress progress;

	@Autowired
	private RabbitMqConnection connection;

	// The broker's consumer, by bean name; httpIngestConsumer serves the in-process
	// source.
	@Autowired
	private IngestConsumer ingestConsumer;

	@Autowired
	private RabbitIngestProgress rabbitProgress;

	private final TestBroker broker = new TestBroker();

	IngestIntegrationTests() throws Exception {
	}

	@DynamicPropertySource
	static void uniqueTopologyBehindTheProxy(DynamicPropertyRegistry registry) {
		registry.add("monitor.mode", () -> "distributed");
		registry.add("monitor.rabbitmq.host", () -> "127.0.0.1");
		registry.add("monitor.rabbitmq.port", proxy::port);
		registry.add("monitor.rabbitmq.connection-name", () -> "vm-ingest-it-" + RUN);
		registry.add("monitor.rabbitmq.recovery-interval", () -> "200ms");
		registry.add("monitor.rabbitmq.exchange", () -> EXCHANGE);
		registry.add("monitor.rabbitmq.queue", () -> QUEUE);
		registry.add("monitor.rabbitmq.dead-letter-exchange", () -> DLX);
		registry.add("monitor.rabbitmq.dead-letter-queue", () -> DLQ);
		registry.add("monitor.ingest.prefetch", () -> 20);
		registry.add("monitor.ingest.backlog-threshold", () -> BACKLOG_THRESHOLD);
		registry.add("monitor.ingest.backlog-poll-interval", () -> "200ms");
		registry.add("monitor.ingest.transit-allowance", () -> TRANSIT_ALLOWANCE.toMillis() + "ms");
		registry.add("monitor.ingest.retry-backoff", () -> "50ms");
		registry.add("monitor.ingest.retry-backoff-max", () -> "500ms");
	}

	@BeforeEach
	void consumerIsConnectedAndIdle() throws Exception {
		this.processor.holdUntil(reactor.core.publisher.Mono.empty());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.connection.isConnected() && this.broker.ready(QUEUE) == 0);
		this.processor.clear();
		this.broker.drain(DLQ);
	}

	@AfterAll
	void deleteTheTopology() throws Exception {
		this.ingestConsumer.stop();
		this.rabbitProgress.stop();
		this.broker.delete(EXCHANGE, QUEUE, DLX, DLQ);
		this.broker.close();
		proxy.close();
	}

	@Test
	void aPublishedPingIsAppliedWithItsTimestampAndAcknowledged() throws Exception {
		String vin = registered();
		Instant sentAt = Instant.now().minusMillis(1500).truncatedTo(ChronoUnit.MILLIS);

		this.broker.publishPing(EXCHANGE, vin, sentAt);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.processor.pings().contains(new Ping(vin, sentAt)));
		// Acknowledged: cutting the connection now must not bring the ping back.
		await().pollDelay(Duration.ofMillis(300)).until(() -> true);
		cutAndAwaitReconnect();
		String marker = registered();
		this.broker.publishPing(EXCHANGE, marker, Instant.now());
		await().atMost(Duration.ofSeconds(10)).until(() -> vins().contains(marker));
		assertThat(vins()).filteredOn(vin::equals).hasSize(1);
	}

	@Test
	void everyBadMessageEndsInTheDeadLetterQueueWithItsReasonWhileTheGoodOnesAreApplied() throws Exception {
		String first = registered();
		String last = registered();
		String unregistered = TestBroker.randomVin();
		Instant now = Instant.now();

		this.broker.publishPing(EXCHANGE, first, now);
		this.broker.publish(EXCHANGE, "{\"vin\":", "application/json", now);
		this.broker.publish(EXCHANGE, "{\"vehicle\":\"" + first + "\"}", "application/json", now);
		this.broker.publish(EXCHANGE, "{\"vin\":\"YS2R4X2000539940Q\"}", "application/json", now);
		this.broker.publishPing(EXCHANGE, unregistered, now);
		this.broker.publish(EXCHANGE, "{\"vin\":\"" + first + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}",
				"application/json", now);
		this.broker.publish(EXCHANGE, "{\"vin\":\"" + first + "\"}", "text/plain", now);
		this.broker.publishPing(EXCHANGE, last, now);

		await().atMost(Duration.ofSeconds(10)).until(() -> vins().containsAll(List.of(first, last)));
		List<GetResponse> dead = new ArrayList<>();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			dead.addAll(this.broker.drain(DLQ));
			return dead.size() >= 6;
		});
		Map<String, GetResponse> byReason = dead.stream()
			.collect(Collectors.toMap((message) -> TestBroker.headers(message).get("x-vm-reject-reason"),
					Function.identity()));
		assertThat(byReason).containsOnlyKeys("malformed-json", "missing-vin", "invalid-vin", "unknown-vehicle",
				"oversized", "unsupported-content-type");
		assertThat(new String(byReason.get("invalid-vin").getBody(), StandardCharsets.UTF_8))
			.isEqualTo("{\"vin\":\"YS2R4X2000539940Q\"}");
		assertThat(TestBroker.headers(byReason.get("unknown-vehicle")).get("x-vm-reject-detail"))
			.contains(unregistered);
		assertThat(TestBroker.headers(byReason.get("unsupported-content-type")))
			.containsEntry("x-vm-original-exchange", EXCHANGE)
			.containsEntry("x-vm-version", "1");

		String after = registered();
		this.broker.publishPing(EXCHANGE, after, Instant.now());
		await().atMost(Duration.ofSeconds(10)).until(() -> vins().contains(after));
	}

	@Test
	void aFailingStatusEngineLeadsToRedeliveryNeitherLossNorDeadLetter() throws Exception {
		String vin = registered();
		this.processor.failNext(3);

		this.broker.publishPing(EXCHANGE, vin, Instant.now());

		await().atMost(Duration.ofSeconds(20)).until(() -> vins().contains(vin));
		assertThat(vins()).filteredOn(vin::equals).hasSize(1);
		assertThat(this.broker.drain(DLQ)).isEmpty();
	}

	@Test
	void aConnectionCutMidStreamLosesNoPing() throws Exception {
		List<String> vins = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			vins.add(registered());
		}
		Sinks.Empty<Void> gate = Sinks.empty();
		this.processor.holdUntil(gate.asMono());
		for (String vin : vins.subList(0, 50)) {
			this.broker.publishPing(EXCHANGE, vin, Instant.now());
		}

		cutAndAwaitReconnect();
		gate.tryEmitEmpty();
		for (String vin : vins.subList(50, 100)) {
			this.broker.publishPing(EXCHANGE, vin, Instant.now());
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> vins().containsAll(vins));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.broker.ready(QUEUE) == 0);
		assertThat(this.broker.drain(DLQ)).isEmpty();
	}

	@Test
	void aBacklogAboveTheThresholdFreezesTheWatermarkUntilItIsWorkedOff() throws Exception {
		await().atMost(Duration.ofSeconds(5)).until(this::caughtUp);
		Sinks.Empty<Void> gate = Sinks.empty();
		this.processor.holdUntil(gate.asMono());
		for (int i = 0; i < 3 * BACKLOG_THRESHOLD; i++) {
			this.broker.publishPing(EXCHANGE, registered(), Instant.now());
		}

		await().atMost(Duration.ofSeconds(5))
			.until(() -> watermarkLag().compareTo(TRANSIT_ALLOWANCE.plusMillis(500)) > 0);
		Instant frozen = this.progress.watermark();
		await().pollDelay(Duration.ofMillis(600)).until(() -> true);
		assertThat(this.progress.watermark()).isEqualTo(frozen);

		gate.tryEmitEmpty();
		await().atMost(Duration.ofSeconds(10)).until(this::caughtUp);
	}

	/** Caught up: the watermark trails the clock by the transit allowance only. */
	private boolean caughtUp() {
		Duration lag = watermarkLag();
		return lag.compareTo(TRANSIT_ALLOWANCE) >= 0 && lag.compareTo(TRANSIT_ALLOWANCE.plusMillis(100)) < 0;
	}

	private Duration watermarkLag() {
		return Duration.between(this.progress.watermark(), Instant.now());
	}

	private String registered() {
		String vin = TestBroker.randomVin();
		this.processor.register(vin);
		return vin;
	}

	private List<String> vins() {
		return this.processor.pings().stream().map(Ping::vin).toList();
	}

	private void cutAndAwaitReconnect() {
		proxy.dropConnections();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.connection.isConnected());
		await().atMost(Duration.ofSeconds(20)).until(this.connection::isConnected);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ IngestProperties.class, RabbitMqProperties.class })
	@Import({ IngestConfiguration.class, RabbitMqConnection.class, ClockConfiguration.class })
	static class Config {

		@Bean
		RecordingPingProcessor processor() {
			return new RecordingPingProcessor();
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		JsonMapper jsonMapper() {
			return new JsonMapper();
		}

	}

}
