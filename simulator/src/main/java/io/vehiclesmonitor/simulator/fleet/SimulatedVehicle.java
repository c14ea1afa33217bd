package io.vehiclesmonitor.simulator.fleet;

/**
 * One vehicle the simulator pings for.
 *
 * @param vin vehicle identification number
 * @param regNr registration number
 */
public record SimulatedVehicle(String vin, String regNr) {
}
