package io.vehiclesmonitor.backend.status.redis;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.FleetSource;
import io.vehiclesmonitor.backend.status.LastKnownStates;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.StatusStore;
import io.vehiclesmonitor.backend.status.StatusStoreContractTests;
import org.junit.jupiter.api.AfterEach;

/**
 * The store contract on the real Redis (fails when Redis is down).
 */
class RedisStatusStoreIntegrationTests extends StatusStoreContractTests {

	private final List<RedisTestSupport> redis = new ArrayList<>();

	@Override
	protected StatusStore createStore(FleetSource fleet, LastKnownStates history, Clock clock,
			StatusProperties properties) {
		RedisTestSupport support = new RedisTestSupport();
		this.redis.add(support);
		return new RedisStatusStore(support.connection, support.properties, properties, fleet, history, clock,
				new StatusMetrics(new SimpleMeterRegistry()));
	}

	/** Redis loses its data (every key of the store, the change stream too). */
	@Override
	protected void loseLiveState() {
		this.redis.get(this.redis.size() - 1).deleteAllKeys();
	}

	@Override
	protected List<StatusChange> publishedChanges() {
		return this.redis.get(this.redis.size() - 1).streamedChanges();
	}

	@AfterEach
	void deleteTestKeys() {
		for (RedisTestSupport support : this.redis) {
			support.deleteAllKeys();
			support.close();
		}
	}

}
