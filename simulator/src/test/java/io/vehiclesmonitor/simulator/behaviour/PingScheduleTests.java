package io.vehiclesmonitor.simulator.behaviour;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.vehiclesmonitor.simulator.behaviour.VirtualTime.Emission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 600 always-online vehicles, 60 s rounds, under virtual time: spread timing sends them
 * evenly across the round with each vehicle keeping its own slot; aligned timing sends
 * every round as one burst at the boundary.
 */
class PingScheduleTests {

	private static final Duration INTERVAL = Duration.ofSeconds(60);

	private static final List<String> FLEET = IntStream.range(0, 600).mapToObj((i) -> "V" + i).toList();

	@Test
	void spreadTimingSpacesThePingsEvenlyAcrossTheRound() {
		List<Emission<List<String>>> sends = run(false, Duration.ofSeconds(1), 3);

		assertThat(sends.stream().mapToInt((send) -> send.value().size()).sum()).isEqualTo(3 * 600);
		// 600 vehicles in 60 s: about 10 per second, in every second of every round.
		Map<Long, Integer> perSecond = new HashMap<>();
		sends.forEach((send) -> perSecond.merge(send.atMillis() / 1000, send.value().size(), Integer::sum));
		assertThat(perSecond).hasSize(180);
		assertThat(perSecond.values()).allSatisfy((count) -> assertThat(count).isBetween(1, 25));
		// Every send lands inside its round, on a 10 ms tick.
		assertThat(sends).allSatisfy((send) -> assertThat(send.atMillis() % 10).isZero());
	}

	@Test
	void spreadTimingKeepsEachVehicleWithinOneIntervalPlusJitterOfItsLastPing() {
		List<Emission<List<String>>> sends = run(false, Duration.ofSeconds(1), 5);

		Map<String, Long> last = new HashMap<>();
		long longestGap = 0;
		for (Emission<List<String>> send : sends) {
			for (String vin : send.value()) {
				Long previous = last.put(vin, send.atMillis());
				if (previous != null) {
					longestGap = Math.max(longestGap, send.atMillis() - previous);
				}
			}
		}
		assertThat(last).hasSize(600);
		assertThat(longestGap).isLessThanOrEqualTo(INTERVAL.plusSeconds(1).toMillis());
	}

	@Test
	void alignedTimingSendsEachRoundAsOneBurstAtTheBoundary() {
		List<Emission<List<String>>> sends = run(true, Duration.ofSeconds(1), 3);

		assertThat(sends).extracting(Emission::atMillis).containsExactly(0L, 60_000L, 120_000L);
		assertThat(sends).allSatisfy((send) -> assertThat(send.value()).hasSize(600).containsAll(FLEET));
	}

	private static List<Emission<List<String>>> run(boolean aligned, Duration jitter, int rounds) {
		return VirtualTime.collect(() -> {
			SplittableRandom random = new SplittableRandom(3);
			RoundPlanner planner = new RoundPlanner(new CoinBehaviour(1, random.split()), INTERVAL, aligned, jitter,
					random.split());
			return new PingSchedule(planner, Duration.ofMillis(10)).pings(FLEET);
		}, INTERVAL.multipliedBy(rounds).minusMillis(1));
	}

}
