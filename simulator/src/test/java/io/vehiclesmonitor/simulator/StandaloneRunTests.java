package io.vehiclesmonitor.simulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.vehiclesmonitor.simulator.run.Simulation;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's standalone run: the simulator started with
 * {@code --simulator.transport=http
 * --simulator.backend-url=...} next to a backend that is still starting. It waits for the
 * backend, then pings the registered fleet round after round and never stops by itself.
 * The fleet is read with the configured user; pings carry the gateway token instead. (The
 * backend is a local stub; the interval is shortened to keep the test quick.)
 */
class StandaloneRunTests {

	@Test
	void theSimulatorWaitsForTheBackendAndThenPingsTheRegisteredFleetForever() {
		try (StubBackend backend = new StubBackend().withVehicle("YS2R4X20005399401", "ABC123")
			.withVehicle("VLUR4X20009093588", "DEF456")
			.withVehicle("YS2R4X20005388011", "JKL012")
			.unavailableFor(2)
			.requireCredentials("simulator", "simulator-password")
			.requirePingToken("gw_simulator");
				ConfigurableApplicationContext context = new SpringApplicationBuilder(SimulatorApplication.class).run(
						"--simulator.transport=http", "--simulator.backend-url=" + backend.url(),
						"--simulator.interval=1s", "--simulator.coin.probability=1",
						"--simulator.http.min-backoff=100ms", "--simulator.progress-interval=1s",
						"--simulator.http.username=simulator", "--simulator.http.password=simulator-password",
						"--simulator.http.ping-token=gw_simulator")) {

			context.getBean(Simulation.class)
				.run()
				.as(StepVerifier::create)
				.expectSubscription()
				.expectNoEvent(Duration.ofSeconds(4))
				.thenCancel()
				.verify(Duration.ofSeconds(10));

			assertThat(backend.fleetRequests()).isGreaterThanOrEqualTo(3);
			// At least two full rounds of the three vehicles arrived.
			assertThat(backend.pings()).hasSizeGreaterThanOrEqualTo(6)
				.containsOnly("YS2R4X20005399401", "VLUR4X20009093588", "YS2R4X20005388011");
			assertThat(backend.pings().stream().filter("YS2R4X20005399401"::equals).count()).isGreaterThanOrEqualTo(2);
			assertThat(backend.pingsWithCredentials()).isZero();
		}
	}

}
