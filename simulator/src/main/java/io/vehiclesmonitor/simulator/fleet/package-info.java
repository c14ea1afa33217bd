/**
 * The simulated fleet: VIN rules, generated vehicles, and the backend's fleet and
 * management API.
 */
package io.vehiclesmonitor.simulator.fleet;
