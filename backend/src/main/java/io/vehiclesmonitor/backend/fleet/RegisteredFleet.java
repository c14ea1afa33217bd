package io.vehiclesmonitor.backend.fleet;

import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

import io.vehiclesmonitor.backend.status.FleetSource;
import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;

/**
 * The registered fleet as the status engine rereads it, streamed from the database.
 */
@Component
class RegisteredFleet implements FleetSource {

	private final VehicleRepository vehicles;

	private final FleetPolicies policies;

	RegisteredFleet(VehicleRepository vehicles, FleetPolicies policies) {
		this.vehicles = vehicles;
		this.policies = policies;
	}

	@Override
	public Flux<RegisteredVehicle> registeredVehicles() {
		return this.vehicles.find(VehicleQuery.all()).map(this.policies::registered);
	}

}
