package io.vehiclesmonitor.backend.status.memory;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.FleetSource;
import io.vehiclesmonitor.backend.status.LastKnownStates;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.StatusStore;
import io.vehiclesmonitor.backend.status.StatusStoreContractTests;

class InMemoryStatusStoreTests extends StatusStoreContractTests {

	private InMemoryChangeBus bus;

	@Override
	protected StatusStore createStore(FleetSource fleet, LastKnownStates history, Clock clock,
			StatusProperties properties) {
		this.bus = new InMemoryChangeBus(properties, clock);
		return new InMemoryStatusStore(this.bus, fleet, history, clock, new StatusMetrics(new SimpleMeterRegistry()),
				properties);
	}

	/** A restart of the standalone application: a new, empty store and bus. */
	@Override
	protected void loseLiveState() {
		this.store = createStore(this.fleet, this.history, this.clock, StatusProperties.defaults());
	}

	@Override
	protected List<StatusChange> publishedChanges() {
		return this.bus.retained();
	}

}
