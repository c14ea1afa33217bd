package io.vehiclesmonitor.backend.stream;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.VehicleState;
import io.vehiclesmonitor.backend.stream.VehicleCatalog.CatalogVehicle;
import io.vehiclesmonitor.backend.stream.VehicleCatalog.Customer;

import static org.assertj.core.api.Assertions.assertThat;

class FleetTallyTests {

	static final Customer KALLES = new Customer(1, "Kalles", "Cementvägen 8");

	static final Customer JOHANS = new Customer(2, "Johans", "Balkvägen 12");

	static final CatalogVehicle ABC = new CatalogVehicle("YS2R4X20005399401", "ABC123", KALLES);

	static final CatalogVehicle DEF = new CatalogVehicle("VLUR4X20009093588", "DEF456", KALLES);

	static final CatalogVehicle JKL = new CatalogVehicle("YS2R4X20005388011", "JKL012", JOHANS);

	static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

	final FleetTally tally = new FleetTally();

	@Test
	void loadedFleetIsCountedPerCustomer() {
		this.tally.load(ABC, new VehicleState(ABC.vin(), Status.CONNECTED, T0, T0));
		this.tally.load(DEF, VehicleState.neverSeen(DEF.vin()));
		this.tally.load(JKL, VehicleState.neverSeen(JKL.vin()));

		assertThat(this.tally.counts(null)).isEqualTo(new Counts(1, 2,
				List.of(new Counts.PerCustomer(2, "Johans", 0, 1), new Counts.PerCustomer(1, "Kalles", 1, 1))));
		assertThat(this.tally.counts(2L))
			.isEqualTo(new Counts(0, 1, List.of(new Counts.PerCustomer(2, "Johans", 0, 1))));
	}

	@Test
	void aRegisteredVehicleLoadedAgainCountsOnceAndARemovedOneNotAtAll() {
		this.tally.load(ABC, VehicleState.neverSeen(ABC.vin()));
		this.tally.load(DEF, VehicleState.neverSeen(DEF.vin()));
		this.tally.load(ABC, VehicleState.neverSeen(ABC.vin()));

		this.tally.remove(List.of(DEF.vin(), JKL.vin()));

		assertThat(this.tally.counts(1L))
			.isEqualTo(new Counts(0, 1, List.of(new Counts.PerCustomer(1, "Kalles", 0, 1))));
	}

	@Test
	void aChangeAppliedTwiceCountsOnce() {
		this.tally.load(ABC, VehicleState.neverSeen(ABC.vin()));
		ChangeBatch connect = batch(new StatusChange(1, ABC.vin(), Status.CONNECTED, T0, T0), ABC);

		this.tally.apply(connect);
		this.tally.apply(connect);

		assertThat(this.tally.counts(1L).connected()).isEqualTo(1);
		assertThat(this.tally.counts(1L).disconnected()).isZero();
	}

	@Test
	void aLoadOlderThanAnAppliedChangeDoesNotUndoIt() {
		this.tally.apply(batch(new StatusChange(1, ABC.vin(), Status.CONNECTED, T0.plusSeconds(5), T0), ABC));

		this.tally.load(ABC, new VehicleState(ABC.vin(), Status.DISCONNECTED, null, null));
		this.tally.load(ABC, new VehicleState(ABC.vin(), Status.DISCONNECTED, T0, T0));

		assertThat(this.tally.counts(null)).extracting(Counts::connected, Counts::disconnected).containsExactly(1L, 0L);
	}

	@Test
	void aChangeOfAnUnregisteredVehicleIsNotCounted() {
		this.tally.apply(batch(new StatusChange(1, "XXXXXXXXXXXXXXXXX", Status.CONNECTED, T0, T0), null));

		assertThat(this.tally.counts(null)).isEqualTo(new Counts(0, 0, List.of()));
	}

	private static ChangeBatch batch(StatusChange change, CatalogVehicle vehicle) {
		return new ChangeBatch(List.of(new ChangeBatch.Item(change, vehicle)));
	}

}
