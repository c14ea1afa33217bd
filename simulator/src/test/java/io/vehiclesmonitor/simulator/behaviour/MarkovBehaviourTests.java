package io.vehiclesmonitor.simulator.behaviour;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Samples 200 vehicles every 100 ms for ten virtual hours and measures the online and
 * offline stretches they show: exponential stretches have standard deviation equal to
 * their mean, so the sample means must be within 4 standard errors.
 */
class MarkovBehaviourTests {

	private static final Duration MEAN_ONLINE = Duration.ofMinutes(5);

	private static final Duration MEAN_OFFLINE = Duration.ofMinutes(2);

	private static final int VEHICLES = 200;

	private static final Duration STEP = Duration.ofMillis(100);

	private static final long STEPS = Duration.ofHours(10).dividedBy(STEP);

	@Test
	void stretchLengthsHaveTheConfiguredMeans() {
		assertStretchMeans(42);
	}

	@Test
	void stretchLengthsHaveTheConfiguredMeansWhateverTheSeed() {
		qt().withExamples(5).forAll(longs().all()).checkAssert(MarkovBehaviourTests::assertStretchMeans);
	}

	@Test
	void theSameSeedReplaysTheSameOutages() {
		assertThat(trace(7, 3000)).isEqualTo(trace(7, 3000));
		assertThat(trace(7, 3000)).isNotEqualTo(trace(8, 3000));
	}

	@Test
	void vehiclesAddedToTheFleetLaterGetTheirOwnState() {
		MarkovBehaviour behaviour = new MarkovBehaviour(Duration.ofSeconds(30), Duration.ofSeconds(10), 2,
				new SplittableRandom(1));
		behaviour.pings(0, Duration.ZERO);

		for (int second = 0; second < 600; second++) {
			behaviour.pings(0, Duration.ofSeconds(second));
			behaviour.pings(1, Duration.ofSeconds(second));
			behaviour.pings(5, Duration.ofSeconds(second));
		}
		long online = java.util.stream.IntStream.range(600, 4200)
			.filter((second) -> behaviour.pings(5, Duration.ofSeconds(second)))
			.count();
		assertThat((double) online / 3600).isBetween(0.5, 0.95);
	}

	private static void assertStretchMeans(long seed) {
		MarkovBehaviour behaviour = new MarkovBehaviour(MEAN_ONLINE, MEAN_OFFLINE, VEHICLES,
				new SplittableRandom(seed));
		List<Long> online = new ArrayList<>();
		List<Long> offline = new ArrayList<>();
		boolean[] state = new boolean[VEHICLES];
		long[] since = new long[VEHICLES];
		long onlineSamples = 0;
		for (long step = 0; step < STEPS; step++) {
			Duration at = STEP.multipliedBy(step);
			for (int vehicle = 0; vehicle < VEHICLES; vehicle++) {
				boolean pings = behaviour.pings(vehicle, at);
				onlineSamples += pings ? 1 : 0;
				if (step == 0) {
					state[vehicle] = pings;
				}
				else if (pings != state[vehicle]) {
					// The first stretch of each vehicle is cut by the start: only count
					// later ones.
					if (since[vehicle] > 0) {
						(state[vehicle] ? online : offline).add(step - since[vehicle]);
					}
					state[vehicle] = pings;
					since[vehicle] = step;
				}
			}
		}
		assertMean(online, MEAN_ONLINE);
		assertMean(offline, MEAN_OFFLINE);
		double expectedShare = (double) MEAN_ONLINE.toNanos() / (MEAN_ONLINE.toNanos() + MEAN_OFFLINE.toNanos());
		assertThat((double) onlineSamples / (STEPS * VEHICLES)).isCloseTo(expectedShare,
				org.assertj.core.data.Offset.offset(0.02));
	}

	private static void assertMean(List<Long> stretchesInSteps, Duration expected) {
		double expectedSteps = (double) expected.toNanos() / STEP.toNanos();
		double mean = stretchesInSteps.stream().mapToLong(Long::longValue).average().orElseThrow();
		double standardError = expectedSteps / Math.sqrt(stretchesInSteps.size());
		assertThat(stretchesInSteps).hasSizeGreaterThan(1000);
		// Sampling every step adds at most one step of rounding to each stretch.
		assertThat(mean).isBetween(expectedSteps - 4 * standardError - 1, expectedSteps + 4 * standardError + 1);
	}

	private static List<Boolean> trace(long seed, int steps) {
		MarkovBehaviour behaviour = new MarkovBehaviour(Duration.ofSeconds(30), Duration.ofSeconds(10), 1,
				new SplittableRandom(seed));
		List<Boolean> trace = new ArrayList<>();
		for (int step = 0; step < steps; step++) {
			trace.add(behaviour.pings(0, Duration.ofSeconds(step)));
		}
		return trace;
	}

}
