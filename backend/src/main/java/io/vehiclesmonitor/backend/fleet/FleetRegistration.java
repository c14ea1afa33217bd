package io.vehiclesmonitor.backend.fleet;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.vehiclesmonitor.backend.status.FleetSync;

/**
 * Tells the status engine about committed fleet changes. Called after the database
 * transaction commits: should the engine miss a change (crash in between), it rereads the
 * whole fleet through {@link RegisteredFleet} when it starts.
 */
@Component
class FleetRegistration {

	static final int BATCH_SIZE = 500;

	private final FleetSync fleetSync;

	private final FleetPolicies policies;

	FleetRegistration(FleetSync fleetSync, FleetPolicies policies) {
		this.fleetSync = fleetSync;
		this.policies = policies;
	}

	Mono<Void> register(VehicleRow vehicle) {
		return this.fleetSync.upsert(List.of(this.policies.registered(vehicle)));
	}

	/** Registers a stream of vehicles batch by batch, one batch in flight at a time. */
	Mono<Void> registerAll(Flux<VehicleRow> vehicles) {
		return vehicles.map(this.policies::registered).buffer(BATCH_SIZE).concatMap(this.fleetSync::upsert, 1).then();
	}

	Mono<Void> unregister(String vin) {
		return this.fleetSync.remove(List.of(vin));
	}

}
