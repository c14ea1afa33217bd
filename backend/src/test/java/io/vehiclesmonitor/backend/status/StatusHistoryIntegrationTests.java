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
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import io.vehiclesmonitor.backend.status.redis.RedisStatusStore;
import io.vehiclesmonitor.backend.status.redis.RedisTestSupport;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

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
		StatusHistoryWriter one = writer();
		StatusHistoryWriter other = writer();

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
			.create(new HistoryLastKnownStates(this.client, new UnwrittenChanges())
				.lastKnown(List.of(connectedAgain, disconnected, neverSeen)))
			.assertNext(
					(known) -> assertThat(known).containsOnly(
							entry(connectedAgain,
									new VehicleState(connectedAgain, Status.CONNECTED, at.plusSeconds(90),
											at.plusSeconds(90))),
							entry(disconnected,
									new VehicleState(disconnected, Status.DISCONNECTED, at, at.plusSeconds(70)))))
			.verifyComplete();
		StepVerifier.create(new HistoryLastKnownStates(this.client, new UnwrittenChanges()).lastKnown(List.of()))
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
					StatusProperties.defaults(), fleet, new HistoryLastKnownStates(this.client, new UnwrittenChanges()),
					clock, new StatusMetrics(new SimpleMeterRegistry()));
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

	@Test
	void aChangeReceivedButNotYetWrittenCountsUnlessTheHistoryHoldsANewerOne() {
		Instant at = Instant.parse("2026-11-28T15:00:00Z");
		String justConnected = "YS2R4X20005399401";
		String writtenLater = "VLUR4X20009093588";
		long id = 1L << 40;
		StepVerifier
			.create(writer().write(List.of(new StatusChange(id, writtenLater, Status.CONNECTED, at, at),
					new StatusChange(id + 3, writtenLater, Status.DISCONNECTED, at.plusSeconds(70), at))))
			.expectNext(2L)
			.verifyComplete();
		UnwrittenChanges unwritten = new UnwrittenChanges();
		unwritten.received(new StatusChange(id + 1, justConnected, Status.CONNECTED, at, at));
		unwritten.received(new StatusChange(id + 2, writtenLater, Status.CONNECTED, at, at));

		StepVerifier
			.create(new HistoryLastKnownStates(this.client, unwritten).lastKnown(List.of(justConnected, writtenLater)))
			.expectNext(Map.of(justConnected, new VehicleState(justConnected, Status.CONNECTED, at, at), writtenLater,
					new VehicleState(writtenLater, Status.DISCONNECTED, at, at.plusSeconds(70))))
			.verifyComplete();
	}

	@Test
	void theWriterForgetsAnUnwrittenChangeOnceItIsInTheHistory() {
		Instant at = Instant.parse("2026-11-28T15:00:00Z");
		StatusChange change = new StatusChange(1L << 40, "YS2R4X20005399401", Status.CONNECTED, at, at);
		Sinks.Many<StatusChange> published = Sinks.many().multicast().onBackpressureBuffer();
		UnwrittenChanges unwritten = new UnwrittenChanges();
		StatusHistoryWriter writer = new StatusHistoryWriter(busOf(published.asFlux()), this.client,
				new StatusMetrics(new SimpleMeterRegistry()), unwritten);
		writer.start();
		try {
			published.tryEmitNext(change);
			assertThat(unwritten.newest(change.vin())).isEqualTo(change);
			await().atMost(Duration.ofSeconds(30)).until(() -> unwritten.size() == 0 && historyRows() == 1);
		}
		finally {
			writer.stop();
		}
	}

	private long historyRows() {
		return this.client.sql("SELECT COUNT(*) AS n FROM status_history")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(Duration.ofSeconds(30));
	}

	private static ChangeBus busOf(Flux<StatusChange> changes) {
		return new ChangeBus() {

			@Override
			public Flux<StatusChange> changes() {
				return changes;
			}

			@Override
			public Flux<StatusChange> changesAfter(long id) {
				return Flux.empty();
			}

			@Override
			public Mono<Long> lastId() {
				return Mono.just(0L);
			}

		};
	}

	private StatusHistoryWriter writer() {
		return new StatusHistoryWriter(null, this.client, new StatusMetrics(new SimpleMeterRegistry()),
				new UnwrittenChanges());
	}

}
