package io.vehiclesmonitor.simulator.behaviour;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Every round each vehicle tosses a (biased) coin: a flaky fleet with no memory.
 */
public final class CoinBehaviour implements Behaviour {

	private final double probability;

	private final RandomGenerator random;

	public CoinBehaviour(double probability, RandomGenerator random) {
		if (probability < 0 || probability > 1) {
			throw new IllegalArgumentException("Ping probability must be within [0, 1]: " + probability);
		}
		this.probability = probability;
		this.random = random;
	}

	@Override
	public boolean pings(int vehicle, Duration at) {
		return this.random.nextDouble() < this.probability;
	}

}
