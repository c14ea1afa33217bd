package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

import org.springframework.r2dbc.core.DatabaseClient;

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

}
