package io.vehiclesmonitor.backend.status.memory;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.TestHistory;
import io.vehiclesmonitor.backend.status.StatusStore;
import io.vehiclesmonitor.backend.status.StatusStoreModelProperties;
import io.vehiclesmonitor.backend.status.TestFleet;
import org.junit.jupiter.api.Test;

class InMemoryStatusStoreModelTests extends StatusStoreModelProperties {

	private InMemoryChangeBus bus;

	@Override
	protected StatusStore createStore(Clock clock) {
		StatusProperties properties = StatusProperties.defaults();
		this.bus = new InMemoryChangeBus(properties, clock);
		return new InMemoryStatusStore(this.bus, new TestFleet(), new TestHistory(), clock,
				new StatusMetrics(new SimpleMeterRegistry()), properties);
	}

	@Override
	protected List<StatusChange> publishedChanges() {
		return this.bus.retained();
	}

	@Test
	void inMemoryStoreBehavesLikeTheRules() {
		checkStoreBehavesLikeTheRules(300);
	}

}
