package io.vehiclesmonitor.backend.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.vehiclesmonitor.backend.status.redis.RedisChangeBus;
import io.vehiclesmonitor.backend.status.redis.RedisStatusStore;
import io.vehiclesmonitor.backend.status.redis.RedisTestSupport;
import io.vehiclesmonitor.backend.system.RedisProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributed application wires the Redis engine (real Redis, own key prefix) and
 * reports Redis health.
 */
@SpringBootTest(properties = { "monitor.mode=distributed", "monitor.redis.key-prefix=test-status-app-${random.uuid}" })
@DirtiesContext
@Import({ TestFleetConfiguration.class, StatusEngineDistributedIntegrationTests.Progress.class })
class StatusEngineDistributedIntegrationTests {

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
		StepVerifier.create(this.pingProcessor.apply(List.of(new Ping("YS2R4X20005399401", Instant.now()))))
			.expectNext(List.of(PingProcessor.PingResult.APPLIED))
			.verifyComplete();
		StepVerifier.create(this.redis.health())
			.assertNext((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP))
			.verifyComplete();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Progress {

		@Bean
		IngestProgress ingestProgress(Clock clock) {
			return clock::instant;
		}

	}

}
