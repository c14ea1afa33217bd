package io.vehiclesmonitor.backend.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import io.vehiclesmonitor.backend.status.redis.RedisChangeBus;
import io.vehiclesmonitor.backend.status.redis.RedisStatusStore;
import io.vehiclesmonitor.backend.status.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep on the real Redis, with real and controlled time.
 */
class StatusSweeperIntegrationTests {

	private final RedisTestSupport redis = new RedisTestSupport();

	private final StatusMetrics metrics = new StatusMetrics(new SimpleMeterRegistry());

	@AfterEach
	void deleteTestKeys() {
		this.redis.deleteAllKeys();
		this.redis.close();
	}

	private RedisStatusStore store(Clock clock, String vin, Duration timeout) {
		RedisStatusStore store = new RedisStatusStore(this.redis.connection, this.redis.properties,
				StatusProperties.defaults(), new TestFleet(), new TestHistory(), clock, this.metrics);
		store.upsert(List.of(new RegisteredVehicle(vin, timeout))).block(Duration.ofSeconds(10));
		return store;
	}

	@Test
	void silentVehicleTurnsDisconnectedAtItsDeadlineOnEveryReplicasStream() {
		Clock clock = Clock.systemUTC();
		RedisStatusStore store = store(clock, "LIVE0000000000001", Duration.ofSeconds(1));
		RedisChangeBus bus = new RedisChangeBus(this.redis.connection, this.redis.client.connect(),
				this.redis.properties);
		StatusSweeper sweeper = new StatusSweeper(store, clock::instant, clock,
				new StatusProperties(Duration.ofMillis(100), 100, 100, 1000), this.metrics);
		sweeper.start();
		try {
			Instant[] pinged = new Instant[1];
			StepVerifier.create(bus.changes().take(2))
				.then(() -> Mono.delay(Duration.ofMillis(300)).then(Mono.defer(() -> {
					pinged[0] = clock.instant();
					return store.apply(List.of(new Ping("LIVE0000000000001", pinged[0])));
				})).subscribe())
				.assertNext((connect) -> assertThat(connect.status()).isEqualTo(Status.CONNECTED))
				.assertNext((disconnect) -> {
					assertThat(disconnect.status()).isEqualTo(Status.DISCONNECTED);
					Instant lastSeen = Instant.ofEpochMilli(pinged[0].toEpochMilli());
					assertThat(disconnect.lastSeen()).isEqualTo(lastSeen);
					assertThat(disconnect.at()).isEqualTo(lastSeen.plusSeconds(1));
				})
				.expectComplete()
				.verify(Duration.ofSeconds(10));
		}
		finally {
			sweeper.stop();
		}
	}

	@Test
	void frozenWatermarkHoldsBackTheSweep() {
		Instant t0 = Instant.parse("2026-11-28T15:00:00Z");
		MutableClock clock = new MutableClock(t0);
		RedisStatusStore store = store(clock, "WMRK0000000000001", Duration.ofSeconds(2));
		store.apply(List.of(new Ping("WMRK0000000000001", t0))).block(Duration.ofSeconds(10));
		MutableClock watermark = new MutableClock(t0.plusSeconds(1));
		StatusSweeper sweeper = new StatusSweeper(store, watermark::instant, clock, StatusProperties.defaults(),
				this.metrics);

		clock.advance(Duration.ofMinutes(10));
		StepVerifier.create(sweeper.sweepOnce()).expectNext(0).verifyComplete();
		assertThat(this.redis.streamedChanges()).hasSize(1);

		watermark.set(t0.plusSeconds(2));
		StepVerifier.create(sweeper.sweepOnce()).expectNext(1).verifyComplete();
		assertThat(this.redis.streamedChanges()).last().satisfies((change) -> {
			assertThat(change.status()).isEqualTo(Status.DISCONNECTED);
			assertThat(change.at()).isEqualTo(t0.plusSeconds(2));
		});
	}

}
