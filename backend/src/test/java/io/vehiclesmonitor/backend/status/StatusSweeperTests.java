package io.vehiclesmonitor.backend.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import io.vehiclesmonitor.backend.status.memory.InMemoryStatusStoreFactory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class StatusSweeperTests {

	private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

	private static final String VIN = "YS2R4X20005399401";

	private final MutableClock clock = new MutableClock(T0);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final StatusMetrics metrics = new StatusMetrics(this.registry);

	@Test
	void sweepNeverLooksBeyondTheIngestionWatermark() {
		StatusStore store = InMemoryStatusStoreFactory.create(new TestFleet(), this.clock);
		store.upsert(List.of(new RegisteredVehicle("VIN00000000000001", Duration.ofSeconds(70)))).block();
		store.apply(List.of(new Ping("VIN00000000000001", T0))).block();
		MutableClock watermark = new MutableClock(T0.plusSeconds(30));
		StatusSweeper sweeper = new StatusSweeper(store, watermark::instant, this.clock, StatusProperties.defaults(),
				this.metrics);

		this.clock.advance(Duration.ofMinutes(5));
		StepVerifier.create(sweeper.sweepOnce()).expectNext(0).verifyComplete();
		assertThat(this.registry.get("vm.status.watermark.age").gauge().value()).isEqualTo(270.0);

		watermark.set(T0.plusSeconds(70));
		StepVerifier.create(sweeper.sweepOnce()).expectNext(1).verifyComplete();
		assertThat(this.registry.get("vm.status.sweep").timer().count()).isEqualTo(2);
	}

	@Test
	void failedSweepIsCountedAndTheScheduleGoesOn() {
		Sinks.Many<Integer> calls = Sinks.many().replay().all();
		AtomicInteger count = new AtomicInteger();
		StatusStore failingOnce = new SweepOnlyStore((limit) -> {
			int call = count.incrementAndGet();
			calls.tryEmitNext(call);
			return (call == 1) ? Mono.error(new IllegalStateException("Redis is down")) : Mono.just(0);
		}, Mono.empty());
		StatusSweeper sweeper = new StatusSweeper(failingOnce, this.clock::instant, this.clock,
				new StatusProperties(Duration.ofMillis(20), 10, 10, 10), this.metrics);
		sweeper.start();
		try {
			StepVerifier.create(calls.asFlux().take(3))
				.expectNext(1, 2, 3)
				.expectComplete()
				.verify(Duration.ofSeconds(10));
		}
		finally {
			sweeper.stop();
		}
		assertThat(this.registry.get("vm.status.store.errors").tag("operation", "sweep").counter().count())
			.isEqualTo(1);
	}

	@Test
	void vehicleDueJustAfterASweepIsDisconnectedAtItsDeadlineNotAnIntervalLater() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		Clock virtualClock = new SchedulerClock(time);
		StatusStore store = InMemoryStatusStoreFactory.create(new TestFleet(), virtualClock);
		// pinged at T0, due 2.1 s later: 100 ms after the sweep at 2 s
		store.upsert(List.of(new RegisteredVehicle(VIN, Duration.ofMillis(2100)))).block();
		store.apply(List.of(new Ping(VIN, T0))).block();
		StatusSweeper sweeper = new StatusSweeper(store, virtualClock::instant, virtualClock,
				StatusProperties.defaults(), this.metrics, time);
		sweeper.start();
		try {
			time.advanceTimeBy(Duration.ofMillis(2099));
			assertThat(statusOf(store)).isEqualTo(new VehicleState(VIN, Status.CONNECTED, T0, T0));
			time.advanceTimeBy(Duration.ofMillis(10));
			assertThat(statusOf(store)).isEqualTo(new VehicleState(VIN, Status.DISCONNECTED, T0, T0.plusMillis(2100)));
		}
		finally {
			sweeper.stop();
		}
	}

	@Test
	void theIntervalIsStillTheLongestPause() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		Clock virtualClock = new SchedulerClock(time);
		List<Instant> sweeps = new CopyOnWriteArrayList<>();
		StatusStore farDeadline = new SweepOnlyStore((limit) -> {
			sweeps.add(limit);
			return Mono.just(0);
		}, Mono.just(T0.plus(Duration.ofHours(1))));
		StatusSweeper sweeper = new StatusSweeper(farDeadline, virtualClock::instant, virtualClock,
				StatusProperties.defaults(), this.metrics, time);
		sweeper.start();
		try {
			time.advanceTimeBy(Duration.ofMillis(5500));
		}
		finally {
			sweeper.stop();
		}
		assertThat(sweeps).containsExactly(T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4),
				T0.plusSeconds(5));
	}

	@Test
	void aBurstOfDueVehiclesIsSweptInBatchesNotContinuously() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		Clock virtualClock = new SchedulerClock(time);
		AtomicInteger sweeps = new AtomicInteger();
		// the store always reports something already due, as during a mass disconnect
		StatusStore alwaysDue = new SweepOnlyStore((limit) -> Mono.just(sweeps.incrementAndGet()), Mono.just(T0));
		StatusSweeper sweeper = new StatusSweeper(alwaysDue, virtualClock::instant, virtualClock,
				StatusProperties.defaults(), this.metrics, time);
		sweeper.start();
		try {
			time.advanceTimeBy(Duration.ofSeconds(1).plus(StatusSweeper.MIN_PAUSE.multipliedBy(10)));
		}
		finally {
			sweeper.stop();
		}
		assertThat(sweeps).hasValue(11);
	}

	@Test
	void watermarkBehindTheDeadlineHoldsTheSweepBackUntilItCatchesUp() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		Clock virtualClock = new SchedulerClock(time);
		StatusStore store = InMemoryStatusStoreFactory.create(new TestFleet(), virtualClock);
		store.upsert(List.of(new RegisteredVehicle(VIN, Duration.ofMillis(2100)))).block();
		store.apply(List.of(new Ping(VIN, T0))).block();
		AtomicBoolean caughtUp = new AtomicBoolean(false);
		Instant frozenAt = T0.plusMillis(500);
		IngestProgress progress = () -> caughtUp.get() ? virtualClock.instant() : frozenAt;
		StatusSweeper sweeper = new StatusSweeper(store, progress, virtualClock, StatusProperties.defaults(),
				this.metrics, time);
		sweeper.start();
		try {
			time.advanceTimeBy(Duration.ofSeconds(10));
			assertThat(statusOf(store).status()).isEqualTo(Status.CONNECTED);

			// caught up at 10.05 s: the next regular sweep (at 11 s) disconnects it
			time.advanceTimeBy(Duration.ofMillis(50));
			caughtUp.set(true);
			time.advanceTimeBy(Duration.ofMillis(900));
			assertThat(statusOf(store).status()).isEqualTo(Status.CONNECTED);
			time.advanceTimeBy(Duration.ofMillis(100));
			assertThat(statusOf(store)).isEqualTo(new VehicleState(VIN, Status.DISCONNECTED, T0, T0.plusMillis(2100)));
		}
		finally {
			sweeper.stop();
		}
	}

	@Test
	void aWatermarkFollowingTheClockALittleBehindIsWaitedForNotPolled() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		Clock virtualClock = new SchedulerClock(time);
		StatusStore store = InMemoryStatusStoreFactory.create(new TestFleet(), virtualClock);
		store.upsert(List.of(new RegisteredVehicle(VIN, Duration.ofMillis(2100)))).block();
		store.apply(List.of(new Ping(VIN, T0))).block();
		List<Instant> sweeps = new CopyOnWriteArrayList<>();
		StatusStore recording = new SweepOnlyStore((limit) -> {
			sweeps.add(limit);
			return store.sweep(limit);
		}, store.nextDeadline());
		Duration lag = Duration.ofMillis(150);
		StatusSweeper sweeper = new StatusSweeper(recording, () -> virtualClock.instant().minus(lag), virtualClock,
				StatusProperties.defaults(), this.metrics, time);
		sweeper.start();
		try {
			time.advanceTimeBy(Duration.ofMillis(2250));
			assertThat(statusOf(store).status()).isEqualTo(Status.CONNECTED);
			time.advanceTimeBy(Duration.ofMillis(10));
			assertThat(statusOf(store)).isEqualTo(new VehicleState(VIN, Status.DISCONNECTED, T0, T0.plusMillis(2100)));
			// the first tick, one interval later (the longest pause), then just as the
			// watermark passed the deadline
			assertThat(sweeps).containsExactly(T0.plusMillis(850), T0.plusMillis(1850), T0.plusMillis(2101));
		}
		finally {
			sweeper.stop();
		}
	}

	private static VehicleState statusOf(StatusStore store) {
		return store.states(List.of(VIN)).block().get(VIN);
	}

	/** Reads the virtual time of a test scheduler as an instant from {@link #T0}. */
	private static final class SchedulerClock extends Clock {

		private final VirtualTimeScheduler time;

		SchedulerClock(VirtualTimeScheduler time) {
			this.time = time;
		}

		@Override
		public Instant instant() {
			return T0.plusNanos(this.time.now(TimeUnit.NANOSECONDS));
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

	private record SweepOnlyStore(Function<Instant, Mono<Integer>> sweeper,
			Mono<Instant> nextDeadline) implements StatusStore {

		@Override
		public Mono<Integer> sweep(Instant limit) {
			return this.sweeper.apply(limit);
		}

		@Override
		public Mono<List<PingResult>> apply(List<Ping> pings) {
			return Mono.error(new UnsupportedOperationException());
		}

		@Override
		public Mono<Map<String, VehicleState>> states(Collection<String> vins) {
			return Mono.error(new UnsupportedOperationException());
		}

		@Override
		public Mono<Void> upsert(Collection<RegisteredVehicle> vehicles) {
			return Mono.error(new UnsupportedOperationException());
		}

		@Override
		public Mono<Void> remove(Collection<String> vins) {
			return Mono.error(new UnsupportedOperationException());
		}

	}

}
