package io.vehiclesmonitor.simulator.behaviour;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import reactor.core.publisher.Flux;

/**
 * A fixed rate of pings, round-robin over the fleet. Tick-based with catch-up: at every
 * tick it sends what the rate owes up to that moment ({@code floor(rate * elapsed)} minus
 * what was sent), so rounding never accumulates and a late timer is made good at the next
 * tick.
 */
public final class RateSchedule {

	private final double ratePerSecond;

	private final Duration tick;

	private final LongConsumer skipped;

	/**
	 * @param ratePerSecond target pings per second
	 * @param tick how often a group is sent
	 * @param skipped told how many pings were given up because sending fell more than a
	 * second behind (catch-up is capped so a stalled transport never builds a huge group)
	 */
	public RateSchedule(double ratePerSecond, Duration tick, LongConsumer skipped) {
		if (ratePerSecond <= 0) {
			throw new IllegalArgumentException("Rate must be positive: " + ratePerSecond);
		}
		this.ratePerSecond = ratePerSecond;
		this.tick = tick;
		this.skipped = skipped;
	}

	/**
	 * An endless schedule starting now.
	 * @param vins the fleet (must not be empty)
	 * @return one group of VINs per tick
	 */
	public Flux<List<String>> pings(List<String> vins) {
		if (vins.isEmpty()) {
			throw new IllegalArgumentException("Cannot send pings for an empty fleet");
		}
		return Flux.defer(() -> {
			Owed owed = new Owed(this.ratePerSecond, this.tick);
			int[] cursor = { 0 };
			return Flux.interval(this.tick).onBackpressureDrop().map((tickIndex) -> {
				int due = owed.dueAtTick(tickIndex + 1, this.skipped);
				List<String> group = new ArrayList<>(due);
				for (int i = 0; i < due; i++) {
					group.add(vins.get(cursor[0]));
					cursor[0] = (cursor[0] + 1) % vins.size();
				}
				return group;
			}).filter((group) -> !group.isEmpty());
		});
	}

	/**
	 * What the rate owes at each tick; pure.
	 */
	static final class Owed {

		private final double perTick;

		private final long maxCatchUp;

		private long sent;

		Owed(double ratePerSecond, Duration tick) {
			this.perTick = ratePerSecond * tick.toNanos() / 1_000_000_000d;
			this.maxCatchUp = Math.max((long) Math.ceil(this.perTick), (long) Math.ceil(ratePerSecond));
		}

		/**
		 * @param ticks ticks elapsed since the start
		 * @param skipped told how many owed pings are given up
		 * @return pings to send now
		 */
		int dueAtTick(long ticks, LongConsumer skipped) {
			long target = (long) Math.floor(this.perTick * ticks);
			if (target - this.sent > this.maxCatchUp) {
				skipped.accept(target - this.sent - this.maxCatchUp);
				this.sent = target - this.maxCatchUp;
			}
			int due = (int) Math.max(0, target - this.sent);
			this.sent += due;
			return due;
		}

	}

}
