package io.vehiclesmonitor.backend.status;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The newest change of each vehicle that this replica has received from the change bus
 * but not yet written to {@code status_history}. The history lags the live state by up to
 * one write batch; when Redis loses its data inside that lag, a re-seed that read the
 * history alone would forget those changes (a vehicle that had just connected would be
 * seeded as never seen and then never disconnect). Bounded by the history writer's
 * buffer: an entry leaves once its change is written or dropped.
 */
@Component
class UnwrittenChanges {

	private final Map<String, StatusChange> newest = new ConcurrentHashMap<>();

	void received(StatusChange change) {
		this.newest.merge(change.vin(), change, (old, given) -> (given.id() > old.id()) ? given : old);
	}

	/** Forgets the change unless a newer one of the same vehicle arrived meanwhile. */
	void settled(StatusChange change) {
		this.newest.remove(change.vin(), change);
	}

	void settled(Collection<StatusChange> changes) {
		changes.forEach(this::settled);
	}

	/** The newest unwritten change of the vehicle, or {@code null}. */
	StatusChange newest(String vin) {
		return this.newest.get(vin);
	}

	int size() {
		return this.newest.size();
	}

}
