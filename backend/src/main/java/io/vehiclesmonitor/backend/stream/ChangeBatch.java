package io.vehiclesmonitor.backend.stream;

import java.util.List;

import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.stream.VehicleCatalog.CatalogVehicle;

/**
 * Changes collected in one batch window, in id order, each with its catalog row (looked
 * up once per batch for every client). A batch with {@code resync} set carries no
 * changes: the shared upstream lost track and every client needs a fresh snapshot.
 * <p>
 * Live batches also carry their {@code changes} and all-customer {@code counts} event
 * data as JSON, encoded once per replica, so most clients (no customer filter, not
 * resuming mid-batch) just write the same text; {@code null} when not encoded (replays).
 */
record ChangeBatch(List<Item> items, boolean resync, String changesJson, String countsJson) {

	static final ChangeBatch RESYNC = new ChangeBatch(List.of(), true, null, null);

	ChangeBatch(List<Item> items) {
		this(items, false, null, null);
	}

	ChangeBatch withJson(String changesJson, String countsJson) {
		return new ChangeBatch(this.items, this.resync, changesJson, countsJson);
	}

	/**
	 * One change; {@code vehicle} is {@code null} when the VIN is not (or no longer) in
	 * the catalog, or the catalog could not be read.
	 */
	record Item(StatusChange change, CatalogVehicle vehicle) {

		Long customerId() {
			return (this.vehicle != null) ? this.vehicle.customer().id() : null;
		}

	}

}
