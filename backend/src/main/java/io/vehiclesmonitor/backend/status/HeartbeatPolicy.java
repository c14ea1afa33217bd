package io.vehiclesmonitor.backend.status;

import java.time.Duration;

/**
 * When a vehicle counts as Disconnected: no ping within {@code interval + grace}. Set
 * globally, per customer and per vehicle; the most specific setting wins field by field.
 *
 * @param interval how often the vehicle is expected to ping
 * @param grace extra time allowed before it counts as Disconnected
 * @param source the most specific level that set any field of this policy
 */
public record HeartbeatPolicy(Duration interval, Duration grace, Source source) {

	public HeartbeatPolicy {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("interval must be positive");
		}
		if (grace.isNegative()) {
			throw new IllegalArgumentException("grace must not be negative");
		}
	}

	/** Time after the last ping at which the vehicle becomes Disconnected. */
	public Duration timeout() {
		return this.interval.plus(this.grace);
	}

	/**
	 * Effective policy of a vehicle; {@code null} arguments mean "not set at that level".
	 */
	public static HeartbeatPolicy resolve(HeartbeatPolicy global, Duration customerInterval, Duration customerGrace,
			Duration vehicleInterval, Duration vehicleGrace) {
		Duration interval = firstNonNull(vehicleInterval, customerInterval, global.interval());
		Duration grace = firstNonNull(vehicleGrace, customerGrace, global.grace());
		Source source = (vehicleInterval != null || vehicleGrace != null) ? Source.VEHICLE
				: (customerInterval != null || customerGrace != null) ? Source.CUSTOMER : Source.GLOBAL;
		return new HeartbeatPolicy(interval, grace, source);
	}

	private static Duration firstNonNull(Duration first, Duration second, Duration fallback) {
		return (first != null) ? first : (second != null) ? second : fallback;
	}

	/**
	 * Where an effective policy comes from.
	 */
	public enum Source {

		GLOBAL, CUSTOMER, VEHICLE

	}

}
