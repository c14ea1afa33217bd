package io.vehiclesmonitor.backend.fleet;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.vehiclesmonitor.backend.status.FleetSync;

/**
 * Tells the status engine about committed fleet changes. Called after the database
 * transaction commits: should the engine miss a change (crash in between), it rereads the
 * whole fleet through {@link RegisteredFleet} when it starts. Each registered batch is
 * then announced as a {@link FleetChanged} event.
 */
@Component
class FleetRegistration {

	static final int BATCH_SIZE = 500;

	private final FleetSync fleetSync;

	private final FleetPolicies policies;

	private final ApplicationEventPublisher events;

	FleetRegistration(FleetSync fleetSync, FleetPolicies policies, ApplicationEventPublisher events) {
		this.fleetSync = fleetSync;
		this.policies = policies;
		this.events = events;
	}

	Mono<Void> register(VehicleRow vehicle) {
		return upsert(List.of(this.policies.registered(vehicle)));
	}

	/** Registers a stream of vehicles batch by batch, one batch in flight at a time. */
	Mono<Void> registerAll(Flux<VehicleRow> vehicles) {
		return vehicles.map(this.policies::registered).buffer(BATCH_SIZE).concatMap(this::upsert, 1).then();
	}

	Mono<Void> unregister(String vin) {
		List<String> vins = List.of(vin);
		return this.fleetSync.remove(vins)
			.then(Mono.fromRunnable(() -> this.events.publishEvent(new FleetChanged(List.of(), vins))));
	}

	private Mono<Void> upsert(List<FleetSync.RegisteredVehicle> vehicles) {
		List<String> vins = vehicles.stream().map(FleetSync.RegisteredVehicle::vin).toList();
		return this.fleetSync.upsert(vehicles)
			.then(Mono.fromRunnable(() -> this.events.publishEvent(new FleetChanged(vins, List.of()))));
	}

}
