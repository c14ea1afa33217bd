package io.vehiclesmonitor.backend.status;

/**
 * Connectivity of a vehicle.
 */
public enum Status {

	CONNECTED, DISCONNECTED

}
