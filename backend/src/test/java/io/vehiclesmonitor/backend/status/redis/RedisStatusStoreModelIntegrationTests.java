package io.vehiclesmonitor.backend.status.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.TestHistory;
import io.vehiclesmonitor.backend.status.StatusStore;
import io.vehiclesmonitor.backend.status.StatusStoreModelProperties;
import io.vehiclesmonitor.backend.status.TestFleet;
import io.vehiclesmonitor.backend.system.RedisProperties;
import org.junit.jupiter.api.Test;

/**
 * The Lua scripts against the model, on the real Redis: one fresh key prefix per try.
 */
class RedisStatusStoreModelIntegrationTests extends StatusStoreModelProperties {

	private RedisTestSupport redis;

	@Override
	protected StatusStore createStore(Clock clock) {
		this.redis = new RedisTestSupport("test-status-model-" + UUID.randomUUID());
		RedisProperties properties = new RedisProperties(this.redis.properties.uri(), this.redis.properties.keyPrefix(),
				4, Duration.ofSeconds(5));
		return new RedisStatusStore(this.redis.connection, properties, StatusProperties.defaults(), new TestFleet(),
				new TestHistory(), clock, new StatusMetrics(new SimpleMeterRegistry()));
	}

	@Override
	protected List<StatusChange> publishedChanges() {
		return this.redis.streamedChanges();
	}

	@Override
	protected void afterTry() {
		if (this.redis != null) {
			this.redis.deleteAllKeys();
			this.redis.close();
			this.redis = null;
		}
	}

	@Test
	void redisStoreBehavesLikeTheRules() {
		checkStoreBehavesLikeTheRules(100);
	}

}
