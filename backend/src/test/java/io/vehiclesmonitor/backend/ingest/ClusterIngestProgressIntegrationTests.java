package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.vehiclesmonitor.backend.status.IngestProgress;
import io.vehiclesmonitor.backend.status.MutableClock;
import io.vehiclesmonitor.backend.status.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas sharing their watermarks through the real Redis at 127.0.0.1:6379, under a key
 * prefix unique to each test; the local watermarks and the clock are set by hand.
 */
class ClusterIngestProgressIntegrationTests {

	private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

	private final RedisTestSupport redis = new RedisTestSupport();

	private final String key = ClusterIngestProgress.key(this.redis.properties.keyPrefix());

	private final MutableClock clock = new MutableClock(T0.plusSeconds(10));

	private final IngestProperties properties = IngestProperties.defaults();

	@AfterEach
	void deleteKeys() {
		this.redis.deleteAllKeys();
		this.redis.close();
	}

	@Test
	void everyReplicaSweepsNoFurtherThanTheSlowestReplicasWatermark() {
		ClusterIngestProgress healthy = caughtUpReplica();
		ClusterIngestProgress stalled = replica(T0);

		publish(healthy);
		publish(stalled);
		publish(healthy);

		assertThat(healthy.watermark()).isEqualTo(T0);
		assertThat(stalled.watermark()).isEqualTo(T0);
		assertThat(this.redis.connection.sync().hgetall(this.key)).containsOnlyKeys(healthy.replica(),
				stalled.replica());
	}

	@Test
	void aReplicaSilentForLongerThanTheTtlNoLongerCountsAndItsEntryIsRemoved() {
		this.redis.connection.sync().hset(this.key, "dead-replica", ClusterWatermark.encode(T0, this.clock.instant()));
		ClusterIngestProgress alive = caughtUpReplica();
		publish(alive);
		assertThat(alive.watermark()).isEqualTo(T0);

		this.clock.advance(this.properties.replicaTtl().plusSeconds(1));
		publish(alive);

		assertThat(alive.watermark()).isEqualTo(this.clock.instant());
		assertThat(this.redis.connection.sync().hgetall(this.key)).containsOnlyKeys(alive.replica());
	}

	@Test
	void aReplicaBehindForLongerThanTheTtlWithdrawsItsEntrySoItNoLongerHoldsTheOthersBack() {
		ClusterIngestProgress cutOff = replica(T0);
		ClusterIngestProgress healthy = caughtUpReplica();
		publish(cutOff);
		publish(healthy);
		assertThat(healthy.watermark()).isEqualTo(T0);

		// the clock starts 10 s after T0: now exactly one TTL after it
		this.clock.advance(this.properties.replicaTtl().minusSeconds(10));
		publish(cutOff);
		publish(healthy);
		assertThat(healthy.watermark()).as("behind for exactly the TTL still counts").isEqualTo(T0);

		this.clock.advance(Duration.ofMillis(1));
		publish(cutOff);
		publish(healthy);
		assertThat(this.redis.connection.sync().hgetall(this.key)).containsOnlyKeys(healthy.replica());
		assertThat(healthy.watermark()).isEqualTo(this.clock.instant());
		assertThat(cutOff.watermark()).as("its own sweeps still stop at its own watermark").isEqualTo(T0);
	}

	@Test
	void aReplicaStoppingInOrderRemovesItsEntryAtOnce() throws Exception {
		ClusterIngestProgress staying = caughtUpReplica();
		ClusterIngestProgress leaving = replica(T0);
		leaving.start();
		staying.start();
		try {
			waitUntil(() -> staying.watermark().equals(T0));

			CountDownLatch stopped = new CountDownLatch(1);
			leaving.stop(stopped::countDown);
			assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();

			assertThat(leaving.isRunning()).isFalse();
			assertThat(this.redis.connection.sync().hgetall(this.key)).containsOnlyKeys(staying.replica());
			waitUntil(() -> staying.watermark().equals(this.clock.instant()));
		}
		finally {
			staying.stop();
		}
	}

	/** A replica whose own watermark is frozen at {@code localWatermark}. */
	private ClusterIngestProgress replica(Instant localWatermark) {
		return replica(() -> localWatermark);
	}

	/** A replica caught up with the clock. */
	private ClusterIngestProgress caughtUpReplica() {
		return replica(this.clock::instant);
	}

	private ClusterIngestProgress replica(IngestProgress local) {
		return new ClusterIngestProgress(local, this.redis.connection.reactive(), this.key, this.properties,
				this.clock);
	}

	private static void publish(ClusterIngestProgress replica) {
		replica.publish().as(StepVerifier::create).verifyComplete();
	}

	private static void waitUntil(BooleanSupplier condition) {
		await().atMost(Duration.ofSeconds(10)).until(condition::getAsBoolean);
	}

}
