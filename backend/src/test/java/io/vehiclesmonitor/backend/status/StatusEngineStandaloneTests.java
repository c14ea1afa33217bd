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
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone application wires the in-memory engine and seeds it from the registry.
 */
@SpringBootTest
@Import(TestFleetConfiguration.class)
class StatusEngineStandaloneTests {

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
	void registeredVehicleIsSeededAndUnknownOnesAreRejected() {
		assertThat(this.pingProcessor).isInstanceOf(InMemoryStatusStore.class);
		assertThat(this.changeBus).isInstanceOf(InMemoryChangeBus.class);
		assertThat(this.sweeper.isRunning()).isTrue();
		StepVerifier.create(this.liveStatus.states(List.of("YS2R4X20005399401")))
			.assertNext((states) -> assertThat(states.get("YS2R4X20005399401").status()).isEqualTo(Status.CONNECTED))
			.verifyComplete();
		StepVerifier.create(this.pingProcessor.apply(List.of(new Ping("VLUR4X20009093588", Instant.now()))))
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
