package io.vehiclesmonitor.backend.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis connection and key layout ({@code monitor.redis.*}), used in distributed mode.
 *
 * @param uri Redis address, e.g. {@code redis://host:6379}
 * @param keyPrefix first segment of every key, so environments and tests can share one
 * Redis without touching each other's data
 * @param buckets number of small state hashes per shard; keep vehicles per bucket under
 * {@code hash-max-listpack-entries} (128) for the compact encoding
 * @param commandTimeout how long a command may take before it fails
 */
@ConfigurationProperties("monitor.redis")
public record RedisProperties(@DefaultValue("redis://127.0.0.1:6379") String uri, @DefaultValue("vm") String keyPrefix,
		@DefaultValue("16384") int buckets, @DefaultValue("5s") Duration commandTimeout) {

}
