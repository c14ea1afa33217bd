package io.vehiclesmonitor.backend.system;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.vehiclesmonitor.backend.system.RedisConfiguration.RedisConnections;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class RedisHealthIndicatorIntegrationTests {

	private final RedisProperties properties = new RedisProperties("redis://127.0.0.1:6379", "unused", 16,
			Duration.ofSeconds(2));

	@Test
	void upWhileConnectedAndDownOnceTheConnectionIsGone() {
		RedisClient client = RedisConfiguration.createClient(this.properties);
		try {
			RedisConnections connections = RedisConnections.open(client);
			RedisHealthIndicator health = new RedisHealthIndicator(connections);
			StepVerifier.create(health.health())
				.assertNext((up) -> assertThat(up.getStatus()).isEqualTo(Status.UP))
				.verifyComplete();
			connections.close();
			StepVerifier.create(health.health())
				.assertNext((down) -> assertThat(down.getStatus()).isEqualTo(Status.DOWN))
				.verifyComplete();
		}
		finally {
			client.shutdown();
		}
	}

}
