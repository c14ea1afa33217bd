package io.vehiclesmonitor.backend.status.redis;

import java.time.Clock;

import io.vehiclesmonitor.backend.status.FleetSource;
import io.vehiclesmonitor.backend.status.LastKnownStates;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.system.RedisConfiguration.RedisConnections;
import io.vehiclesmonitor.backend.system.RedisProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Redis-backed status store and change bus of the distributed run.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "monitor.mode", havingValue = "distributed")
class RedisStatusConfiguration {

	@Bean
	RedisStatusStore redisStatusStore(RedisConnections connections, RedisProperties redis, StatusProperties properties,
			FleetSource fleetSource, LastKnownStates lastKnown, Clock clock, StatusMetrics metrics) {
		return new RedisStatusStore(connections.commands(), redis, properties, fleetSource, lastKnown, clock, metrics);
	}

	@Bean
	RedisChangeBus redisChangeBus(RedisConnections connections, RedisProperties redis) {
		return new RedisChangeBus(connections.commands(), connections.blocking(), redis);
	}

}
