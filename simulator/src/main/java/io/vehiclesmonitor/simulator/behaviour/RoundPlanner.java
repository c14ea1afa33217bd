package io.vehiclesmonitor.simulator.behaviour;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Plans one round: which vehicles ping and when within the round. Pure; the schedule
 * turns plans into timed sends.
 *
 * <p>
 * Spread timing gives each vehicle a fixed slot ({@code index / size} of the interval)
 * plus a little jitter, so an online vehicle pings about once per interval, as real ones
 * do, and the load is even. Aligned timing sends the whole round at its start (bursts).
 */
public final class RoundPlanner {

	private final Behaviour behaviour;

	private final Duration interval;

	private final boolean aligned;

	private final Duration jitter;

	private final RandomGenerator random;

	public RoundPlanner(Behaviour behaviour, Duration interval, boolean aligned, Duration jitter,
			RandomGenerator random) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("Interval must be positive: " + interval);
		}
		this.behaviour = behaviour;
		this.interval = interval;
		this.aligned = aligned;
		this.jitter = jitter;
		this.random = random;
	}

	/**
	 * @param round number of the round, from 0
	 * @param fleetSize number of vehicles
	 * @return the round's pings, ordered by offset
	 */
	public List<PlannedPing> plan(long round, int fleetSize) {
		long intervalNanos = this.interval.toNanos();
		long roundStart = round * intervalNanos;
		List<PlannedPing> pings = new ArrayList<>();
		for (int vehicle = 0; vehicle < fleetSize; vehicle++) {
			long offset = this.aligned ? 0 : spreadOffset(vehicle, fleetSize, intervalNanos);
			if (this.behaviour.pings(vehicle, Duration.ofNanos(roundStart + offset))) {
				pings.add(new PlannedPing(vehicle, Duration.ofNanos(offset)));
			}
		}
		pings.sort(Comparator.comparing(PlannedPing::offset));
		return pings;
	}

	Duration interval() {
		return this.interval;
	}

	private long spreadOffset(int vehicle, int fleetSize, long intervalNanos) {
		long slot = (long) ((double) intervalNanos * vehicle / fleetSize);
		long jitterNanos = this.jitter.toNanos();
		long jittered = slot + ((jitterNanos > 0) ? this.random.nextLong(jitterNanos) : 0);
		// Stay inside the round so rounds never overlap.
		return Math.min(jittered, intervalNanos - 1);
	}

	/**
	 * One planned ping.
	 *
	 * @param vehicle index of the vehicle in the fleet
	 * @param offset when it is sent, from the start of the round
	 */
	public record PlannedPing(int vehicle, Duration offset) {
	}

}
