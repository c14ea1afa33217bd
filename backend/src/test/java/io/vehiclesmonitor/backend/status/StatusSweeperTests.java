package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import io.vehiclesmonitor.backend.status.memory.InMemoryStatusStoreFactory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class StatusSweeperTests {

	private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

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
		});
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

	private record SweepOnlyStore(java.util.function.Function<Instant, Mono<Integer>> sweeper) implements StatusStore {

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
