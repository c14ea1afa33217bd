package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.vehiclesmonitor.backend.status.redis.RedisChangeBus;
import io.vehiclesmonitor.backend.status.redis.RedisStatusStore;
import io.vehiclesmonitor.backend.status.redis.RedisTestSupport;
import io.vehiclesmonitor.backend.system.RedisProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributed application wires the Redis engine (real Redis, own key prefix; real
 * RabbitMQ, own queues and exchanges, deleted afterwards) and reports Redis health.
 */
@SpringBootTest(properties = { "monitor.mode=distributed", "monitor.redis.key-prefix=test-status-app-${random.uuid}" })
@DirtiesContext
class StatusEngineDistributedIntegrationTests {

	private static final String RUN = UUID.randomUUID().toString();

	private static final String EXCHANGE = "vm-status-it-" + RUN;

	private static final String QUEUE = "vm-status-it-" + RUN;

	private static final String DLX = "vm-status-it-dlx-" + RUN;

	private static final String DLQ = "vm-status-it-dead-" + RUN;

	@DynamicPropertySource
	static void ownBrokerTopology(DynamicPropertyRegistry registry) {
		registry.add("monitor.rabbitmq.host", () -> "127.0.0.1");
		registry.add("monitor.rabbitmq.exchange", () -> EXCHANGE);
		registry.add("monitor.rabbitmq.queue", () -> QUEUE);
		registry.add("monitor.rabbitmq.dead-letter-exchange", () -> DLX);
		registry.add("monitor.rabbitmq.dead-letter-queue", () -> DLQ);
	}

	@AfterAll
	static void deleteBrokerTopology() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
			channel.queueDelete(QUEUE);
			channel.queueDelete(DLQ);
			channel.exchangeDelete(EXCHANGE);
			channel.exchangeDelete(DLX);
		}
	}

	@Autowired
	PingProcessor pingProcessor;

	@Autowired
	ChangeBus changeBus;

	@Autowired
	org.springframework.boot.health.contributor.ReactiveHealthIndicator redis;

	@Autowired
	RedisProperties redisProperties;

	@Autowired
	StatusSweeper sweeper;

	@Autowired
	FleetSync fleetSync;

	@AfterEach
	void deleteTestKeys() {
		// the sweep would otherwise re-seed the state right after the keys are gone
		this.sweeper.stop();
		try (RedisTestSupport support = new RedisTestSupport(this.redisProperties.keyPrefix())) {
			support.deleteAllKeys();
		}
	}

	@Test
	void pingsGoThroughRedisAndRedisIsHealthy() {
		assertThat(this.pingProcessor).isInstanceOf(RedisStatusStore.class);
		assertThat(this.changeBus).isInstanceOf(RedisChangeBus.class);
		String vin = "DIST0000000000001";
		StepVerifier
			.create(this.fleetSync.upsert(List.of(new FleetSync.RegisteredVehicle(vin, Duration.ofSeconds(70))))
				.then(this.pingProcessor.apply(List.of(new Ping(vin, Instant.now())))))
			.expectNext(List.of(PingProcessor.PingResult.APPLIED))
			.verifyComplete();
		StepVerifier.create(this.pingProcessor.apply(List.of(new Ping("UNKNWN00000000001", Instant.now()))))
			.expectNext(List.of(PingProcessor.PingResult.UNKNOWN_VEHICLE))
			.verifyComplete();
		StepVerifier.create(this.redis.health())
			.assertNext((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP))
			.verifyComplete();
	}

}
