package io.vehiclesmonitor.backend.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.VehicleState;
import io.vehiclesmonitor.backend.stream.VehicleCatalog.CatalogVehicle;

/**
 * Connected and disconnected counts per customer, kept incrementally per replica from an
 * initial load plus the change stream. Every vehicle's status and the time it began are
 * kept so that applying the same change twice, or a load that races a change, never
 * counts a vehicle twice: the newer {@code since} wins. Methods are short and never do
 * I/O, so the lock is fine on event-loop threads.
 */
final class FleetTally {

	private final Map<String, Entry> vehicles = new HashMap<>();

	private final Map<Long, Tally> customers = new HashMap<>();

	synchronized void load(CatalogVehicle vehicle, VehicleState state) {
		put(vehicle, state.status(), state.since());
	}

	/** Forgets removed vehicles. */
	synchronized void remove(Collection<String> vins) {
		for (String vin : vins) {
			Entry old = this.vehicles.remove(vin);
			if (old != null) {
				this.customers.get(old.customerId).add(old.status, -1);
			}
		}
	}

	synchronized void apply(ChangeBatch batch) {
		for (ChangeBatch.Item item : batch.items()) {
			StatusChange change = item.change();
			if (item.vehicle() != null) {
				put(item.vehicle(), change.status(), change.at());
			}
		}
	}

	/** Counts of one customer, or of all when {@code customerId} is {@code null}. */
	synchronized Counts counts(Long customerId) {
		List<Counts.PerCustomer> rows = new ArrayList<>();
		long connected = 0;
		long disconnected = 0;
		for (Map.Entry<Long, Tally> entry : this.customers.entrySet()) {
			if (customerId == null || customerId.equals(entry.getKey())) {
				Tally tally = entry.getValue();
				rows.add(new Counts.PerCustomer(entry.getKey(), tally.name, tally.connected, tally.disconnected));
				connected += tally.connected;
				disconnected += tally.disconnected;
			}
		}
		rows.sort(Comparator.comparing(Counts.PerCustomer::name));
		return new Counts(connected, disconnected, rows);
	}

	private void put(CatalogVehicle vehicle, Status status, Instant since) {
		Entry old = this.vehicles.get(vehicle.vin());
		if (old != null && old.since != null && (since == null || since.isBefore(old.since))) {
			return;
		}
		if (old != null) {
			this.customers.get(old.customerId).add(old.status, -1);
		}
		this.vehicles.put(vehicle.vin(), new Entry(vehicle.customer().id(), status, since));
		this.customers.computeIfAbsent(vehicle.customer().id(), (id) -> new Tally()).name = vehicle.customer().name();
		this.customers.get(vehicle.customer().id()).add(status, 1);
	}

	private record Entry(long customerId, Status status, Instant since) {
	}

	private static final class Tally {

		private String name;

		private long connected;

		private long disconnected;

		void add(Status status, int delta) {
			if (status == Status.CONNECTED) {
				this.connected += delta;
			}
			else {
				this.disconnected += delta;
			}
		}

	}

}
