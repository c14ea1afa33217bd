package io.vehiclesmonitor.backend.status.redis;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.ChangeBus;
import io.vehiclesmonitor.backend.status.ChangeBusContractTests;
import io.vehiclesmonitor.backend.status.FleetSource;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.StatusStore;
import io.vehiclesmonitor.backend.status.TestHistory;
import org.junit.jupiter.api.AfterEach;

/**
 * The change bus contract on the real Redis (fails when Redis is down). Like the running
 * engine, the store and the bus of a replica share its command connection and the bus
 * tails the stream on a connection of its own.
 */
class RedisChangeBusContractIntegrationTests extends ChangeBusContractTests {

	private final List<RedisTestSupport> redis = new ArrayList<>();

	private RedisChangeBus bus;

	@Override
	protected StatusStore createStore(StatusProperties properties, FleetSource fleet, Clock clock) {
		RedisTestSupport support = track(new RedisTestSupport());
		this.bus = busOf(support);
		return new RedisStatusStore(support.connection, support.properties, properties, fleet, new TestHistory(), clock,
				new StatusMetrics(new SimpleMeterRegistry()));
	}

	private RedisTestSupport track(RedisTestSupport support) {
		this.redis.add(support);
		return support;
	}

	private static RedisChangeBus busOf(RedisTestSupport support) {
		return new RedisChangeBus(support.connection, support.client.connect(), support.properties);
	}

	@Override
	protected ChangeBus bus() {
		return this.bus;
	}

	/** Another replica: its own client and connections on the same keys. */
	@Override
	protected ChangeBus otherReplicaBus() {
		return busOf(track(current().replica()));
	}

	@Override
	protected List<StatusChange> retainedChanges() {
		return current().streamedChanges();
	}

	private RedisTestSupport current() {
		return this.redis.get(this.redis.size() - 1);
	}

	@AfterEach
	void deleteTestKeys() {
		for (RedisTestSupport support : this.redis) {
			support.deleteAllKeys();
			support.close();
		}
	}

}
