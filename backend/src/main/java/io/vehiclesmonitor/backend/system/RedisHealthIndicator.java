package io.vehiclesmonitor.backend.system;

import java.time.Duration;

import io.vehiclesmonitor.backend.system.RedisConfiguration.RedisConnections;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Redis is UP when it answers PING on the command connection within a second; DOWN while
 * the connection is lost (Lettuce keeps reconnecting on its own meanwhile).
 */
@Component("redis")
@ConditionalOnProperty(name = "monitor.mode", havingValue = "distributed")
class RedisHealthIndicator implements ReactiveHealthIndicator {

	private final RedisConnections connections;

	RedisHealthIndicator(RedisConnections connections) {
		this.connections = connections;
	}

	@Override
	public Mono<Health> health() {
		return this.connections.commands()
			.reactive()
			.ping()
			.timeout(Duration.ofSeconds(1))
			.map((pong) -> Health.up().build())
			.onErrorResume((ex) -> Mono.just(Health.down(ex).build()));
	}

}
