package io.vehiclesmonitor.simulator.fleet;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.vehiclesmonitor.simulator.StubBackend;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a local stub of the backend's fleet and management API.
 */
class FleetsTests {

	@Test
	void theRegisteredFleetIsReadOnceTheBackendAnswers() {
		try (StubBackend backend = new StubBackend().withVehicle("1M8GDM9AXKP042788", "ABC123")
			.withVehicle("1HGCM82633A004352", "DEF456")
			.unavailableFor(3)) {

			fleets(backend).registered()
				.as(StepVerifier::create)
				.assertNext((fleet) -> assertThat(fleet).containsExactlyInAnyOrder(
						new SimulatedVehicle("1M8GDM9AXKP042788", "ABC123"),
						new SimulatedVehicle("1HGCM82633A004352", "DEF456")))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			assertThat(backend.fleetRequests()).isEqualTo(4);
		}
	}

	@Test
	void generatedVehiclesAreRegisteredWithTheirCustomersThroughTheManagementApi() {
		try (StubBackend backend = new StubBackend()) {

			fleets(backend).generated(30, 3, 4, new SplittableRandom(1))
				.as(StepVerifier::create)
				.assertNext((fleet) -> assertThat(fleet).hasSize(30)
					.allSatisfy((vehicle) -> assertThat(Vin.hasValidCheckDigit(vehicle.vin())).isTrue()))
				.expectComplete()
				.verify(Duration.ofSeconds(10));

			assertThat(backend.customers()).containsOnlyKeys("Simulated Customer 001", "Simulated Customer 002",
					"Simulated Customer 003");
			assertThat(backend.vehicles()).hasSize(30);
			assertThat(backend.vehicles().values()).extracting((vehicle) -> vehicle.get("customerId").asLong())
				.containsOnly(backend.customers().values().toArray(Long[]::new));
		}
	}

	@Test
	void aSecondRunWithTheSameSeedFindsItsVehiclesAndCustomersAlreadyThere() {
		try (StubBackend backend = new StubBackend()) {
			fleets(backend).generated(10, 2, 4, new SplittableRandom(5))
				.as(StepVerifier::create)
				.expectNextCount(1)
				.expectComplete()
				.verify(Duration.ofSeconds(10));

			fleets(backend).generated(10, 2, 4, new SplittableRandom(5))
				.as(StepVerifier::create)
				.assertNext((fleet) -> assertThat(fleet).hasSize(10))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			assertThat(backend.vehicles()).hasSize(10);
			assertThat(backend.customers()).hasSize(2);
		}
	}

	@Test
	void aVehicleWhoseRegistrationNumberIsTakenIsLeftOut() {
		List<SimulatedVehicle> planned = new FleetGenerator(new SplittableRandom(9)).generate(3);
		try (StubBackend backend = new StubBackend().withVehicle("11111111111111111", planned.get(1).regNr())) {

			fleets(backend).generated(3, 1, 2, new SplittableRandom(9))
				.as(StepVerifier::create)
				.assertNext((fleet) -> assertThat(fleet).containsExactly(planned.get(0), planned.get(2)))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
		}
	}

	private static Fleets fleets(StubBackend backend) {
		return new Fleets(
				new BackendClient(WebClient.create(backend.url()), Duration.ofMillis(50), Duration.ofMillis(200)));
	}

}
