package io.vehiclesmonitor.backend.status.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanStream;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.system.RedisConfiguration;
import io.vehiclesmonitor.backend.system.RedisProperties;

/**
 * The shared Redis of the test machine, isolated by a key prefix unique to each test,
 * whose keys (and only those) are deleted afterwards.
 */
public final class RedisTestSupport implements AutoCloseable {

	static final String URI = System.getProperty("monitor.redis.uri",
			System.getenv().getOrDefault("MONITOR_REDIS_URI", "redis://127.0.0.1:6379"));

	public final RedisProperties properties;

	public final RedisClient client;

	public final StatefulRedisConnection<String, String> connection;

	public RedisTestSupport() {
		this("test-status-" + UUID.randomUUID());
	}

	public RedisTestSupport(String prefix) {
		this.properties = new RedisProperties(URI, prefix, 16384, Duration.ofSeconds(5));
		this.client = RedisConfiguration.createClient(this.properties);
		this.connection = this.client.connect();
	}

	/** A second, independent client on the same keys: another replica. */
	public RedisTestSupport replica() {
		return new RedisTestSupport(this.properties.keyPrefix());
	}

	RedisKeys keys() {
		return new RedisKeys(this.properties.keyPrefix(), 0);
	}

	/** Every change in the stream, read directly. */
	public List<StatusChange> streamedChanges() {
		return this.connection.sync()
			.xrange(keys().changes(), Range.unbounded())
			.stream()
			.map(RedisChangeBus::toChange)
			.toList();
	}

	/** Simulates Redis losing its data: deletes every key of this prefix. */
	public long deleteAllKeys() {
		List<String> keys = ScanStream
			.scan(this.connection.reactive(), KeyScanArgs.Builder.matches(this.properties.keyPrefix() + ":*"))
			.collectList()
			.block(Duration.ofSeconds(30));
		return keys.isEmpty() ? 0 : this.connection.sync().del(keys.toArray(String[]::new));
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
