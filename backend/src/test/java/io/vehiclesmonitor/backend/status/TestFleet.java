package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import reactor.core.publisher.Flux;

/**
 * A registry the test fills by hand, standing in for the fleet feature.
 */
public class TestFleet implements FleetSource {

	private final List<RegisteredVehicle> vehicles = new CopyOnWriteArrayList<>();

	public TestFleet register(String vin, Duration timeout) {
		this.vehicles.add(new RegisteredVehicle(vin, timeout));
		return this;
	}

	public List<RegisteredVehicle> vehicles() {
		return List.copyOf(this.vehicles);
	}

	@Override
	public Flux<RegisteredVehicle> registeredVehicles() {
		return Flux.fromIterable(this.vehicles);
	}

}
