package io.vehiclesmonitor.simulator.fleet;

import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetGeneratorTests {

	@Test
	void aLargeFleetHasValidUniqueVinsAndUniquePlates() {
		List<SimulatedVehicle> fleet = new FleetGenerator(new SplittableRandom(42)).generate(20_000);

		assertThat(fleet).hasSize(20_000);
		assertThat(fleet).allSatisfy((vehicle) -> {
			assertThat(Vin.hasValidCheckDigit(vehicle.vin())).as(vehicle.vin()).isTrue();
			assertThat(vehicle.regNr()).matches("^[A-HJ-NPR-Z]{3}[0-9]{3}$");
		});
		assertThat(fleet.stream().map(SimulatedVehicle::vin).distinct()).hasSize(fleet.size());
		assertThat(fleet.stream().map(SimulatedVehicle::regNr).distinct()).hasSize(fleet.size());
	}

	@Test
	void theSameSeedGivesTheSameFleetSoReRunsReuseRegisteredVehicles() {
		assertThat(new FleetGenerator(new SplittableRandom(7)).generate(50))
			.isEqualTo(new FleetGenerator(new SplittableRandom(7)).generate(50));
		assertThat(new FleetGenerator(new SplittableRandom(7)).generate(50))
			.isNotEqualTo(new FleetGenerator(new SplittableRandom(8)).generate(50));
	}

	@Property(tries = 200)
	void everyGeneratedVinIsValidWhateverTheSeed(@ForAll long seed) {
		FleetGenerator generator = new FleetGenerator(new SplittableRandom(seed));
		for (int i = 0; i < 50; i++) {
			assertThat(Vin.hasValidCheckDigit(generator.vin())).isTrue();
		}
	}

}
