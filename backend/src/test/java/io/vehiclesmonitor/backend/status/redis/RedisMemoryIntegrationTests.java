package io.vehiclesmonitor.backend.status.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.ScanStream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import io.vehiclesmonitor.backend.status.MutableClock;
import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.TestHistory;
import io.vehiclesmonitor.backend.status.TestFleet;
import io.vehiclesmonitor.backend.system.RedisProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the live state of 100 k Connected vehicles with {@code MEMORY USAGE}: the
 * state buckets and the deadline index, the change stream reported apart (its size
 * depends on retention, not on the fleet).
 */
class RedisMemoryIntegrationTests {

	private static final int VEHICLES = 100_000;

	private final RedisTestSupport redis = new RedisTestSupport();

	@AfterEach
	void deleteTestKeys() {
		this.redis.deleteAllKeys();
		this.redis.close();
	}

	@Test
	void liveStateOfAHundredThousandVehiclesStaysCompact() {
		Instant now = Instant.parse("2026-11-28T15:00:00Z");
		// about 50 vehicles per bucket, the sizing docs/redis-keys.md recommends
		RedisProperties properties = new RedisProperties(this.redis.properties.uri(), this.redis.properties.keyPrefix(),
				VEHICLES / 50, Duration.ofSeconds(5));
		RedisStatusStore store = new RedisStatusStore(this.redis.connection, properties,
				new StatusProperties(Duration.ofSeconds(1), 1000, 1000, 1000), new TestFleet(), new TestHistory(),
				new MutableClock(now), new StatusMetrics(new SimpleMeterRegistry()));
		List<String> vins = IntStream.range(0, VEHICLES).mapToObj((i) -> String.format("MEMO%013d", i)).toList();
		store.upsert(vins.stream().map((vin) -> new RegisteredVehicle(vin, Duration.ofSeconds(70))).toList())
			.block(Duration.ofMinutes(2));
		Flux.fromIterable(vins)
			.map((vin) -> new Ping(vin, now))
			.buffer(1000)
			.concatMap(store::apply)
			.blockLast(Duration.ofMinutes(2));

		Map<String, Long> bytesByKind = ScanStream
			.scan(this.redis.connection.reactive(), KeyScanArgs.Builder.matches(properties.keyPrefix() + ":*"))
			.flatMap((key) -> this.redis.connection.reactive()
				.memoryUsage(key)
				.map((bytes) -> Map.entry(kind(key), bytes)), 16)
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.summingLong(Map.Entry::getValue)))
			.block(Duration.ofMinutes(2));
		long state = bytesByKind.get("state buckets") + bytesByKind.get("deadline buckets")
				+ bytesByKind.get("deadline index") + bytesByKind.get("epoch");
		System.out.printf("Redis memory for %d Connected vehicles: %s; state %.1f bytes/vehicle%n", VEHICLES,
				bytesByKind, (double) state / VEHICLES);
		assertThat((double) state / VEHICLES).isLessThan(100);
	}

	private static String kind(String key) {
		if (key.endsWith(":deadlines")) {
			return "deadline index";
		}
		if (key.endsWith(":changes")) {
			return "changes";
		}
		if (key.endsWith(":epoch")) {
			return "epoch";
		}
		return key.contains(":v:") ? "state buckets" : "deadline buckets";
	}

}
