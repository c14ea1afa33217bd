package io.vehiclesmonitor.backend.stream;

import java.time.Instant;
import java.util.List;

import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.VehicleState;
import io.vehiclesmonitor.backend.stream.VehicleCatalog.CatalogVehicle;
import io.vehiclesmonitor.backend.stream.VehicleCatalog.Customer;

/**
 * JSON data of the stream's events (see {@code docs/sse.md}).
 */
final class Payloads {

	private Payloads() {
	}

	/** A {@code snapshot} event: one chunk; the last one has {@code complete} set. */
	record Snapshot(long changeId, boolean complete, List<Vehicle> vehicles) {
	}

	/** A vehicle row, shaped like an item of {@code GET /vehicles} without heartbeat. */
	record Vehicle(String vin, String regNr, Customer customer, Status status, Instant lastSeen, Instant since) {

		static Vehicle of(CatalogVehicle vehicle, VehicleState state) {
			return new Vehicle(vehicle.vin(), vehicle.regNr(), vehicle.customer(), state.status(), state.lastSeen(),
					state.since());
		}

	}

	/** A {@code changes} event: changes in id order. */
	record Changes(List<Change> changes) {
	}

	/**
	 * One change; {@code at} is when the new status began ({@code since} from then on);
	 * {@code regNr} and {@code customer} are {@code null} for a VIN not in the registry.
	 */
	record Change(long id, String vin, String regNr, Customer customer, Status status, Instant at, Instant lastSeen) {

		static Change of(ChangeBatch.Item item) {
			StatusChange change = item.change();
			CatalogVehicle vehicle = item.vehicle();
			return new Change(change.id(), change.vin(), (vehicle != null) ? vehicle.regNr() : null,
					(vehicle != null) ? vehicle.customer() : null, change.status(), change.at(), change.lastSeen());
		}

	}

	/** A {@code resync} event: the client must reconnect without a last event id. */
	record Resync(String reason) {
	}

}
