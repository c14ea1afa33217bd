package io.vehiclesmonitor.backend.ingest;

import java.time.Clock;

import io.vehiclesmonitor.backend.status.IngestProgress;
import io.vehiclesmonitor.backend.system.RedisConfiguration.RedisConnections;
import io.vehiclesmonitor.backend.system.RedisProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The cluster-wide {@link IngestProgress} of the distributed run, preferred over this
 * replica's own {@link RabbitIngestProgress}, which it wraps.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "monitor.mode", havingValue = "distributed")
class ClusterIngestProgressConfiguration {

	@Bean
	@Primary
	ClusterIngestProgress clusterIngestProgress(RabbitIngestProgress local, RedisConnections connections,
			RedisProperties redis, IngestProperties properties, Clock clock) {
		return new ClusterIngestProgress(local, connections.commands().reactive(),
				ClusterIngestProgress.key(redis.keyPrefix()), properties, clock);
	}

}
