package io.vehiclesmonitor.simulator.fleet;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetViewTests {

	@Test
	void newVehiclesAreAppendedAndEveryOtherKeepsItsPlace() {
		FleetView fleet = new FleetView(List.of("A", "B", "C"));

		int added = fleet.update(List.of("D", "C", "A", "B"));

		assertThat(added).isEqualTo(1);
		assertThat(fleet.get()).containsExactly("A", "B", "C", "D");
	}

	@Test
	void removedVehiclesStopPinging() {
		FleetView fleet = new FleetView(List.of("A", "B", "C"));

		assertThat(fleet.update(List.of("C", "A"))).isZero();
		assertThat(fleet.get()).containsExactly("A", "C");
	}

}
