package io.vehiclesmonitor.backend.status;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * {@link LastKnownStates} over {@code status_history}: the newest change of each vehicle.
 * Change ids grow with time across replicas and restarts, so the highest id is the newest
 * change; the index on (vin, change_id) answers the inner query from the index alone.
 * Changes this replica received but has not written yet ({@link UnwrittenChanges}) count
 * too, so the history writer's lag does not make a re-seed forget the latest changes.
 */
@Component
class HistoryLastKnownStates implements LastKnownStates {

	private static final String NEWEST = "SELECT change_id, vin, status, changed_at, last_seen FROM status_history "
			+ "WHERE change_id IN (SELECT MAX(change_id) FROM status_history WHERE vin IN (:vins) GROUP BY vin)";

	private final DatabaseClient database;

	private final UnwrittenChanges unwritten;

	HistoryLastKnownStates(DatabaseClient database, UnwrittenChanges unwritten) {
		this.database = database;
		this.unwritten = unwritten;
	}

	@Override
	public Mono<Map<String, VehicleState>> lastKnown(Collection<String> vins) {
		if (vins.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.database.sql(NEWEST)
			.bind("vins", List.copyOf(vins))
			.map((row) -> new StatusChange(row.get("change_id", Long.class), row.get("vin", String.class).strip(),
					Status.valueOf(row.get("status", String.class).strip()),
					instant(row.get("changed_at", OffsetDateTime.class)),
					instant(row.get("last_seen", OffsetDateTime.class))))
			.all()
			.collectMap(StatusChange::vin)
			.map((written) -> newest(vins, written));
	}

	private Map<String, VehicleState> newest(Collection<String> vins, Map<String, StatusChange> written) {
		Map<String, VehicleState> states = new HashMap<>();
		for (String vin : vins) {
			StatusChange stored = written.get(vin);
			StatusChange pending = this.unwritten.newest(vin);
			StatusChange last = (pending != null && (stored == null || pending.id() > stored.id())) ? pending : stored;
			if (last != null) {
				states.put(vin, new VehicleState(vin, last.status(), last.lastSeen(), last.at()));
			}
		}
		return states;
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

}
