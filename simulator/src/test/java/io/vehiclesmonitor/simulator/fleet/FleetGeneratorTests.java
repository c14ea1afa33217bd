package io.vehiclesmonitor.simulator.fleet;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
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

	@Test
	void everyGeneratedVinIsValidWhateverTheSeed() {
		qt().withExamples(200).forAll(longs().all()).checkAssert((seed) -> {
			FleetGenerator generator = new FleetGenerator(new SplittableRandom(seed));
			for (int i = 0; i < 50; i++) {
				assertThat(Vin.hasValidCheckDigit(generator.vin())).isTrue();
			}
		});
	}

}
