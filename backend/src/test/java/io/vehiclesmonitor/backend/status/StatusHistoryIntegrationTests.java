package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import io.vehiclesmonitor.backend.status.redis.RedisStatusStore;
import io.vehiclesmonitor.backend.status.redis.RedisTestSupport;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The change history on the real PostgreSQL, in a fresh database of its own.
 */
class StatusHistoryIntegrationTests {

	private static final String HOST = System.getenv().getOrDefault("POSTGRES_HOST", "127.0.0.1");

	private final String database = "status_history_"
			+ UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);

	private final DatabaseClient admin = DatabaseClient.create(connectionFactory("postgres"));

	private DatabaseClient client;

	private static ConnectionFactory connectionFactory(String database) {
		return ConnectionFactories
			.get(ConnectionFactoryOptions.parse("r2dbc:postgresql://postgres@" + HOST + ":5432/" + database));
	}

	@BeforeEach
	void createDatabase() {
		this.admin.sql("CREATE DATABASE " + this.database).then().block(Duration.ofSeconds(30));
		Flyway.configure()
			.dataSource("jdbc:postgresql://" + HOST + ":5432/" + this.database, "postgres", "")
			.load()
			.migrate();
		this.client = DatabaseClient.create(connectionFactory(this.database));
	}

	@AfterEach
	void dropDatabase() {
		this.admin.sql("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)")
			.then()
			.block(Duration.ofSeconds(30));
	}

	@Test
	void everyReplicaWritesEveryChangeAndEachIsStoredOnce() {
		Instant at = Instant.parse("2026-11-28T15:00:00Z");
		List<StatusChange> changes = List.of(new StatusChange(1L << 40, "YS2R4X20005399401", Status.CONNECTED, at, at),
				new StatusChange((1L << 40) + 1, "YS2R4X20005399401", Status.DISCONNECTED, at.plusSeconds(70), at),
				new StatusChange((1L << 40) + 2, "VLUR4X20009093588", Status.DISCONNECTED, at.plusSeconds(70), null));
		StatusHistoryWriter one = new StatusHistoryWriter(null, this.client,
				new StatusMetrics(new SimpleMeterRegistry()));
		StatusHistoryWriter other = new StatusHistoryWriter(null, this.client,
				new StatusMetrics(new SimpleMeterRegistry()));

		StepVerifier.create(one.write(changes)).expectNext(3L).verifyComplete();
		StepVerifier.create(other.write(changes.subList(1, 3))).expectNext(0L).verifyComplete();

		Flux<String> rows = this.client
			.sql("SELECT vin, status, changed_at, last_seen FROM status_history ORDER BY change_id")
			.map((row) -> row.get("vin", String.class) + " " + row.get("status", String.class) + " "
					+ row.get("changed_at", java.time.OffsetDateTime.class).toInstant() + " "
					+ row.get("last_seen", java.time.OffsetDateTime.class))
			.all();
		StepVerifier.create(rows)
			.expectNext("YS2R4X20005399401 CONNECTED 2026-11-28T15:00:00Z 2026-11-28T15:00Z")
			.expectNext("YS2R4X20005399401 DISCONNECTED 2026-11-28T15:01:10Z 2026-11-28T15:00Z")
			.expectNext("VLUR4X20009093588 DISCONNECTED 2026-11-28T15:01:10Z null")
			.verifyComplete();
	}

	@Test
	void lastKnownStateOfEachVehicleIsItsNewestChange() {
		Instant at = Instant.parse("2026-11-28T15:00:00Z");
		String connectedAgain = "YS2R4X20005399401";
		String disconnected = "VLUR4X20009093588";
		String neverSeen = "VLUR4X20009048066";
		long id = 1L << 40;
		List<StatusChange> changes = List.of(new StatusChange(id, connectedAgain, Status.CONNECTED, at, at),
				new StatusChange(id + 1, disconnected, Status.CONNECTED, at, at),
				new StatusChange(id + 2, connectedAgain, Status.DISCONNECTED, at.plusSeconds(70), at),
				new StatusChange(id + 3, disconnected, Status.DISCONNECTED, at.plusSeconds(70), at),
				new StatusChange(id + 4, connectedAgain, Status.CONNECTED, at.plusSeconds(90), at.plusSeconds(90)));
		StepVerifier.create(writer().write(changes)).expectNext(5L).verifyComplete();

		StepVerifier
			.create(new HistoryLastKnownStates(this.client).lastKnown(List.of(connectedAgain, disconnected, neverSeen)))
			.assertNext(
					(known) -> assertThat(known).containsOnly(
							entry(connectedAgain,
									new VehicleState(connectedAgain, Status.CONNECTED, at.plusSeconds(90),
											at.plusSeconds(90))),
							entry(disconnected,
									new VehicleState(disconnected, Status.DISCONNECTED, at, at.plusSeconds(70)))))
			.verifyComplete();
		StepVerifier.create(new HistoryLastKnownStates(this.client).lastKnown(List.of()))
			.expectNext(Map.of())
			.verifyComplete();
	}

	@Test
	void redisStoreRecoversFromDataLossWithTheStatesInTheHistory() {
		Duration timeout = Duration.ofSeconds(70);
		Instant t0 = Instant.parse("2026-11-28T15:00:00Z");
		String connected = "YS2R4X20005399401";
		String disconnected = "VLUR4X20009093588";
		String neverSeen = "VLUR4X20009048066";
		MutableClock clock = new MutableClock(t0);
		TestFleet fleet = new TestFleet().register(connected, timeout)
			.register(disconnected, timeout)
			.register(neverSeen, timeout);
		try (RedisTestSupport redis = new RedisTestSupport()) {
			RedisStatusStore store = new RedisStatusStore(redis.connection, redis.properties,
					StatusProperties.defaults(), fleet, new HistoryLastKnownStates(this.client), clock,
					new StatusMetrics(new SimpleMeterRegistry()));
			try {
				store.apply(List.of(new Ping(disconnected, t0.minusSeconds(60)), new Ping(connected, t0)))
					.block(Duration.ofSeconds(30));
				store.sweep(t0.plusSeconds(10)).block(Duration.ofSeconds(30));
				writer().write(redis.streamedChanges()).block(Duration.ofSeconds(30));
				Instant recovery = clock.advance(Duration.ofSeconds(60));
				redis.deleteAllKeys();

				StepVerifier.create(store.states(List.of(connected, disconnected, neverSeen)))
					.expectNext(Map.of(connected, new VehicleState(connected, Status.CONNECTED, t0, t0), disconnected,
							new VehicleState(disconnected, Status.DISCONNECTED, t0.minusSeconds(60),
									t0.plusSeconds(10)),
							neverSeen, VehicleState.neverSeen(neverSeen)))
					.verifyComplete();
				StepVerifier.create(store.sweep(recovery.plus(timeout).minusMillis(1))).expectNext(0).verifyComplete();
				assertThat(redis.streamedChanges()).isEmpty();
				StepVerifier.create(store.sweep(recovery.plus(timeout))).expectNext(1).verifyComplete();
				assertThat(redis.streamedChanges()).singleElement()
					.isEqualTo(new StatusChange(redis.streamedChanges().get(0).id(), connected, Status.DISCONNECTED,
							recovery.plus(timeout), t0));
			}
			finally {
				redis.deleteAllKeys();
			}
		}
	}

	private StatusHistoryWriter writer() {
		return new StatusHistoryWriter(null, this.client, new StatusMetrics(new SimpleMeterRegistry()));
	}

}
