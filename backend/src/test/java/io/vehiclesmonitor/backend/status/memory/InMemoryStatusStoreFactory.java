package io.vehiclesmonitor.backend.status.memory;

import java.time.Clock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.FleetSource;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.TestHistory;
import io.vehiclesmonitor.backend.status.StatusStore;

/**
 * An in-memory store for tests of other parts of the status engine.
 */
public final class InMemoryStatusStoreFactory {

	private InMemoryStatusStoreFactory() {
	}

	public static StatusStore create(FleetSource fleet, Clock clock) {
		StatusProperties properties = StatusProperties.defaults();
		return new InMemoryStatusStore(new InMemoryChangeBus(properties, clock), fleet, new TestHistory(), clock,
				new StatusMetrics(new SimpleMeterRegistry()), properties);
	}

}
