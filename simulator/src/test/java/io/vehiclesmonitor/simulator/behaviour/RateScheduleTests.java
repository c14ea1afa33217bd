package io.vehiclesmonitor.simulator.behaviour;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.vehiclesmonitor.simulator.behaviour.VirtualTime.Emission;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.assertj.core.api.Assertions.assertThat;

class RateScheduleTests {

	private static final List<String> FLEET = IntStream.range(0, 1000).mapToObj((i) -> "V" + i).toList();

	@Test
	void tenThousandPingsPerSecondForAVirtualMinuteIsWithinOnePercent() {
		List<Emission<List<String>>> sends = run(10_000, Duration.ofMillis(10), Duration.ofSeconds(60));

		long pings = sends.stream().mapToLong((send) -> send.value().size()).sum();
		assertThat((double) pings).isCloseTo(600_000, org.assertj.core.data.Percentage.withPercentage(1));
		// Steady: every 10 ms tick carries 100 pings.
		assertThat(sends).allSatisfy((send) -> assertThat(send.value()).hasSize(100));
	}

	@Test
	void anyRateIsMetWithinOnePercentAndWithoutDrift() {
		qt().withExamples(20).forAll(doubles().between(1, 50_000)).checkAssert(RateScheduleTests::rateIsMet);
	}

	private static void rateIsMet(double rate) {
		Duration window = Duration.ofSeconds(30);
		long pings = run(rate, Duration.ofMillis(10), window).stream().mapToLong((send) -> send.value().size()).sum();

		double expected = rate * 30;
		// Tick-based with catch-up: never more than one ping behind the exact target.
		assertThat((double) pings).isBetween(expected - Math.max(1, expected * 0.01), expected);
	}

	@Test
	void pingsGoRoundRobinOverTheFleet() {
		List<Emission<List<String>>> sends = run(1000, Duration.ofMillis(100), Duration.ofSeconds(2));

		assertThat(sends.get(0).value()).containsExactlyElementsOf(FLEET.subList(0, 100));
		assertThat(sends.get(10).value()).containsExactlyElementsOf(FLEET.subList(0, 100));
	}

	@Test
	void catchUpAfterMissedTicksIsCappedAtOneSecondAndTheRestCountedAsSkipped() {
		AtomicLong skipped = new AtomicLong();
		RateSchedule.Owed owed = new RateSchedule.Owed(1000, Duration.ofMillis(10));

		assertThat(owed.dueAtTick(1, skipped::addAndGet)).isEqualTo(10);
		// The transport stalled for 5 s: 5000 pings are owed, only one second's worth is
		// sent.
		assertThat(owed.dueAtTick(501, skipped::addAndGet)).isEqualTo(1000);
		assertThat(skipped).hasValue(4000);
		assertThat(owed.dueAtTick(502, skipped::addAndGet)).isEqualTo(10);
	}

	private static List<Emission<List<String>>> run(double rate, Duration tick, Duration window) {
		return VirtualTime.collect(() -> new RateSchedule(rate, tick, (skipped) -> {
			throw new AssertionError("Nothing may be skipped under virtual time");
		}).pings(FLEET), window.plusNanos(1));
	}

}
