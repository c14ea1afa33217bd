package io.vehiclesmonitor.backend.status;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * A change history the test fills by hand (as every replica's history writer would),
 * standing in for {@code status_history}: the newest recorded change per vehicle.
 */
public class TestHistory implements LastKnownStates {

	private final Map<String, StatusChange> newest = new ConcurrentHashMap<>();

	/**
	 * Records changes; older ones than a vehicle's newest are ignored, as by change id.
	 */
	public TestHistory record(Collection<StatusChange> changes) {
		for (StatusChange change : changes) {
			this.newest.merge(change.vin(), change, (kept, next) -> (next.id() > kept.id()) ? next : kept);
		}
		return this;
	}

	@Override
	public Mono<Map<String, VehicleState>> lastKnown(Collection<String> vins) {
		return Mono.fromSupplier(() -> {
			Map<String, VehicleState> known = new LinkedHashMap<>();
			for (String vin : vins) {
				StatusChange change = this.newest.get(vin);
				if (change != null) {
					known.put(vin, new VehicleState(vin, change.status(), change.lastSeen(), change.at()));
				}
			}
			return known;
		});
	}

}
