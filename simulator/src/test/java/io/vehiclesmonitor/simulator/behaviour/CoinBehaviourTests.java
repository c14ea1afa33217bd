package io.vehiclesmonitor.simulator.behaviour;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1000 vehicles for 20 rounds of 60 s, run under virtual time: the number of pings is
 * binomial(20000, p) and must lie within 4 standard deviations of its mean.
 */
class CoinBehaviourTests {

	private static final int VEHICLES = 1000;

	private static final int ROUNDS = 20;

	private static final Duration INTERVAL = Duration.ofSeconds(60);

	private static final List<String> FLEET = IntStream.range(0, VEHICLES).mapToObj((i) -> "V" + i).toList();

	@Test
	void withAFixedSeedAboutHalfTheVehiclesPingEachRound() {
		assertWithinFourSigma(pingsInTwentyRounds(0.5, 42), 0.5);
	}

	@Test
	void forAnySeedAndProbabilityThePingCountIsBinomial() {
		qt().withExamples(10)
			.forAll(longs().all(), doubles().between(0.05, 0.95))
			.checkAssert(
					(seed, probability) -> assertWithinFourSigma(pingsInTwentyRounds(probability, seed), probability));
	}

	@Test
	void probabilityZeroAndOneAreExact() {
		assertThat(pingsInTwentyRounds(0, 1)).isZero();
		assertThat(pingsInTwentyRounds(1, 1)).isEqualTo((long) VEHICLES * ROUNDS);
	}

	private static long pingsInTwentyRounds(double probability, long seed) {
		// Round k starts at k * 60 s; the window ends just before round 20.
		return VirtualTime.collect(() -> {
			SplittableRandom random = new SplittableRandom(seed);
			RoundPlanner planner = new RoundPlanner(new CoinBehaviour(probability, random.split()), INTERVAL, false,
					Duration.ofSeconds(1), random.split());
			return new PingSchedule(planner, Duration.ofMillis(10)).pings(FLEET);
		}, INTERVAL.multipliedBy(ROUNDS).minusMillis(1))
			.stream()
			.mapToLong((emission) -> emission.value().size())
			.sum();
	}

	private static void assertWithinFourSigma(long pings, double probability) {
		double n = (double) VEHICLES * ROUNDS;
		double mean = n * probability;
		double sigma = Math.sqrt(n * probability * (1 - probability));
		assertThat((double) pings).isBetween(mean - 4 * sigma, mean + 4 * sigma);
	}

}
