package io.vehiclesmonitor.simulator.behaviour;

import java.time.Duration;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Vehicles alternate between online and offline stretches of exponentially distributed
 * length (a two-state continuous-time Markov chain): online vehicles ping every round,
 * offline ones stay silent, so the monitor sees realistic outages rather than coin flips.
 */
public final class MarkovBehaviour implements Behaviour {

	private final double meanOnlineNanos;

	private final double meanOfflineNanos;

	private final RandomGenerator random;

	private boolean[] online;

	private long[] switchAt;

	private boolean[] started;

	public MarkovBehaviour(Duration meanOnline, Duration meanOffline, int fleetSize, RandomGenerator random) {
		if (meanOnline.isNegative() || meanOnline.isZero() || meanOffline.isNegative() || meanOffline.isZero()) {
			throw new IllegalArgumentException("Mean stretch lengths must be positive");
		}
		this.meanOnlineNanos = meanOnline.toNanos();
		this.meanOfflineNanos = meanOffline.toNanos();
		this.random = random;
		this.online = new boolean[fleetSize];
		this.switchAt = new long[fleetSize];
		this.started = new boolean[fleetSize];
	}

	@Override
	public boolean pings(int vehicle, Duration at) {
		if (vehicle >= this.started.length) {
			// The fleet grew (a refreshed registered fleet): new vehicles start fresh.
			int size = Math.max(vehicle + 1, this.started.length * 2);
			this.online = Arrays.copyOf(this.online, size);
			this.switchAt = Arrays.copyOf(this.switchAt, size);
			this.started = Arrays.copyOf(this.started, size);
		}
		long now = at.toNanos();
		if (!this.started[vehicle]) {
			// Start in the stationary distribution; exponential stretches are memoryless,
			// so a
			// fresh stretch from now is the exact remaining length.
			this.started[vehicle] = true;
			this.online[vehicle] = this.random.nextDouble() < this.meanOnlineNanos
					/ (this.meanOnlineNanos + this.meanOfflineNanos);
			this.switchAt[vehicle] = now + stretch(this.online[vehicle]);
		}
		while (now >= this.switchAt[vehicle]) {
			this.online[vehicle] = !this.online[vehicle];
			this.switchAt[vehicle] += stretch(this.online[vehicle]);
		}
		return this.online[vehicle];
	}

	private long stretch(boolean online) {
		double mean = online ? this.meanOnlineNanos : this.meanOfflineNanos;
		return Math.max(1, Math.round(this.random.nextExponential() * mean));
	}

}
