package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.vehiclesmonitor.backend.status.memory.InMemoryChangeBus;
import io.vehiclesmonitor.backend.status.memory.InMemoryStatusStore;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone application wires the in-memory engine and seeds it from the real
 * registry (the reference fleet, in an in-memory database of its own so that no other
 * test's history leaks into the seeding).
 */
@SpringBootTest(properties = {
		"spring.r2dbc.url=r2dbc:h2:mem:///vm-status-engine;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		"spring.flyway.url=jdbc:h2:mem:vm-status-engine;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
class StatusEngineStandaloneTests {

	private static final String ABC123 = "YS2R4X20005399401";

	private static final String DEF456 = "VLUR4X20009093588";

	@Autowired
	PingProcessor pingProcessor;

	@Autowired
	LiveStatus liveStatus;

	@Autowired
	ChangeBus changeBus;

	@Autowired
	StatusSweeper sweeper;

	@Autowired
	FleetSync fleetSync;

	@Autowired
	DatabaseClient database;

	@Test
	void referenceFleetIsRegisteredNeverSeenAndUnknownVehiclesAreRejected() {
		assertThat(this.pingProcessor).isInstanceOf(InMemoryStatusStore.class);
		assertThat(this.changeBus).isInstanceOf(InMemoryChangeBus.class);
		assertThat(this.sweeper.isRunning()).isTrue();
		// the reference fleet is inserted and registered just after start-up: wait for it
		Instant pingTime = Instant.now();
		Mono.defer(() -> this.pingProcessor.apply(List.of(new Ping(ABC123, pingTime))))
			.filter((results) -> results.get(0) == PingProcessor.PingResult.APPLIED)
			.repeatWhenEmpty(200, (ticks) -> ticks.delayElements(Duration.ofMillis(100)))
			.as(StepVerifier::create)
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(30));
		StepVerifier.create(this.liveStatus.states(List.of(ABC123, DEF456))).assertNext((states) -> {
			assertThat(states.get(ABC123).status()).isEqualTo(Status.CONNECTED);
			assertThat(states.get(ABC123).lastSeen()).isEqualTo(pingTime);
			assertThat(states.get(DEF456)).isEqualTo(VehicleState.neverSeen(DEF456));
		}).verifyComplete();
		StepVerifier.create(this.pingProcessor.apply(List.of(new Ping("UNKNWN00000000001", Instant.now()))))
			.expectNext(List.of(PingProcessor.PingResult.UNKNOWN_VEHICLE))
			.verifyComplete();
	}

	@Test
	void everyChangeIsWrittenToTheHistory() {
		String vin = "HIST0000000000001";
		Instant now = Instant.now();
		StepVerifier
			.create(this.fleetSync.upsert(List.of(new FleetSync.RegisteredVehicle(vin, Duration.ofSeconds(70))))
				.then(this.pingProcessor.apply(List.of(new Ping(vin, now)))))
			.expectNext(List.of(PingProcessor.PingResult.APPLIED))
			.verifyComplete();
		Mono<String> historyRow = this.database.sql("SELECT status FROM status_history WHERE vin = :vin")
			.bind("vin", vin)
			.map((row) -> row.get("status", String.class))
			.one()
			.repeatWhenEmpty(40, (ticks) -> ticks.delayElements(Duration.ofMillis(100)));
		StepVerifier.create(historyRow).expectNext("CONNECTED").expectComplete().verify(Duration.ofSeconds(10));
	}

}
