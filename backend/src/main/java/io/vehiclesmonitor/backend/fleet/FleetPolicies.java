package io.vehiclesmonitor.backend.fleet;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import io.vehiclesmonitor.backend.status.HeartbeatPolicy;
import io.vehiclesmonitor.backend.status.HeartbeatProperties;

/**
 * Effective heartbeat policies of stored customers and vehicles.
 */
@Component
class FleetPolicies {

	private final HeartbeatPolicy global;

	FleetPolicies(HeartbeatProperties properties) {
		this.global = properties.globalPolicy();
	}

	HeartbeatPolicy of(CustomerRow customer) {
		return HeartbeatPolicy.resolve(this.global, seconds(customer.pingIntervalSeconds()),
				seconds(customer.pingGraceSeconds()), null, null);
	}

	HeartbeatPolicy of(VehicleRow vehicle) {
		CustomerRow customer = vehicle.customer();
		return HeartbeatPolicy.resolve(this.global, seconds(customer.pingIntervalSeconds()),
				seconds(customer.pingGraceSeconds()), seconds(vehicle.pingIntervalSeconds()),
				seconds(vehicle.pingGraceSeconds()));
	}

	RegisteredVehicle registered(VehicleRow vehicle) {
		return new RegisteredVehicle(vehicle.vin(), of(vehicle).timeout());
	}

	private static Duration seconds(Integer seconds) {
		return (seconds != null) ? Duration.ofSeconds(seconds) : null;
	}

}
