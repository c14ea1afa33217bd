package io.vehiclesmonitor.backend.stream;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.stream.VehicleCatalog.CatalogVehicle;
import io.vehiclesmonitor.backend.stream.VehicleCatalog.Customer;

import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSessionTests {

	static final Customer KALLES = new Customer(1, "Kalles", "Cementvägen 8");

	static final Customer JOHANS = new Customer(2, "Johans", "Balkvägen 12");

	static final CatalogVehicle ABC = new CatalogVehicle("YS2R4X20005399401", "ABC123", KALLES);

	static final CatalogVehicle JKL = new CatalogVehicle("YS2R4X20005388011", "JKL012", JOHANS);

	static final Counts NO_COUNTS = new Counts(0, 0, List.of());

	@Test
	void changesUpToTheSnapshotAreNotSentAgain() {
		ClientSession session = new ClientSession(StreamFilter.ALL, (customer) -> NO_COUNTS);
		session.render(new Step.SnapshotEnd(2));

		List<ServerSentEvent<Object>> events = session.render(live(change(1, ABC), change(2, JKL), change(3, ABC)));

		assertThat(events).extracting(ServerSentEvent::event).containsExactly("changes", "counts");
		assertThat(events.get(0).id()).isEqualTo("3");
		assertThat(((Payloads.Changes) events.get(0).data()).changes()).extracting(Payloads.Change::id)
			.containsExactly(3L);
	}

	@Test
	void aBatchAlreadySentIsNotSentTwice() {
		ClientSession session = new ClientSession(StreamFilter.ALL, (customer) -> NO_COUNTS);
		session.render(new Step.Resume(0));
		Step batch = live(change(1, ABC), change(2, JKL));

		assertThat(session.render(batch)).hasSize(2);
		assertThat(session.render(batch)).isEmpty();
	}

	@Test
	void customerFilterDropsOtherCustomersAndUnregisteredVehicles() {
		ClientSession session = new ClientSession(new StreamFilter(2L, Status.CONNECTED), (customer) -> NO_COUNTS);
		session.render(new Step.Resume(0));

		List<ServerSentEvent<Object>> events = session.render(live(change(1, ABC), change(2, JKL), change(3, null)));

		assertThat(((Payloads.Changes) events.get(0).data()).changes()).extracting(Payloads.Change::vin)
			.containsExactly(JKL.vin());
	}

	@Test
	void aWholeLiveBatchGoesOutAsEncodedOnceForAllClients() {
		ChangeBatch batch = new ChangeBatch(List.of(change(1, ABC), change(2, JKL))).withJson("{\"changes\":[1,2]}",
				"{\"connected\":0}");
		ClientSession everything = new ClientSession(StreamFilter.ALL, (customer) -> NO_COUNTS);
		ClientSession johans = new ClientSession(new StreamFilter(2L, null), (customer) -> NO_COUNTS);
		everything.render(new Step.Resume(0));
		johans.render(new Step.Resume(0));

		List<ServerSentEvent<Object>> shared = everything.render(new Step.Live(batch));
		List<ServerSentEvent<Object>> own = johans.render(new Step.Live(batch));

		assertThat(shared).extracting(ServerSentEvent::data).containsExactly(batch.changesJson(), batch.countsJson());
		assertThat(shared.get(0).id()).isEqualTo("2");
		assertThat(((Payloads.Changes) own.get(0).data()).changes()).extracting(Payloads.Change::vin)
			.containsExactly(JKL.vin());
	}

	private static Step live(ChangeBatch.Item... items) {
		return new Step.Live(new ChangeBatch(List.of(items)));
	}

	private static ChangeBatch.Item change(long id, CatalogVehicle vehicle) {
		String vin = (vehicle != null) ? vehicle.vin() : "XXXXXXXXXXXXXXXXX";
		Instant at = Instant.parse("2026-11-28T15:00:00Z").plusSeconds(id);
		return new ChangeBatch.Item(new StatusChange(id, vin, Status.DISCONNECTED, at, at), vehicle);
	}

}
