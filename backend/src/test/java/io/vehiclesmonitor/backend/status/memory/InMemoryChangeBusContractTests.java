package io.vehiclesmonitor.backend.status.memory;

import java.time.Clock;
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

class InMemoryChangeBusContractTests extends ChangeBusContractTests {

	private InMemoryChangeBus bus;

	@Override
	protected StatusStore createStore(StatusProperties properties, FleetSource fleet, Clock clock) {
		this.bus = new InMemoryChangeBus(properties, clock);
		return new InMemoryStatusStore(this.bus, fleet, new TestHistory(), clock,
				new StatusMetrics(new SimpleMeterRegistry()), properties);
	}

	@Override
	protected ChangeBus bus() {
		return this.bus;
	}

	/** The standalone run is one replica: a second subscriber shares its bus. */
	@Override
	protected ChangeBus otherReplicaBus() {
		return this.bus;
	}

	@Override
	protected List<StatusChange> retainedChanges() {
		return this.bus.retained();
	}

}
