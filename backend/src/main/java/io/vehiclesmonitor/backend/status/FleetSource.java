package io.vehiclesmonitor.backend.status;

import reactor.core.publisher.Flux;

/**
 * The registered fleet as the status engine needs it: used to (re)seed the live state on
 * start-up and after the state store lost its data. Implemented by the fleet registry.
 */
public interface FleetSource {

	/** Every registered vehicle with its effective timeout, streamed. */
	Flux<FleetSync.RegisteredVehicle> registeredVehicles();

}
