package io.vehiclesmonitor.simulator.behaviour;

import java.time.Duration;

/**
 * Decides whether a vehicle pings at a moment of the simulation. Pure apart from its own
 * seeded random state; for each vehicle it is asked at non-decreasing times.
 */
public interface Behaviour {

	/**
	 * @param vehicle index of the vehicle in the fleet
	 * @param at time since the simulation started
	 * @return true when the vehicle sends a ping at that moment
	 */
	boolean pings(int vehicle, Duration at);

}
