package io.vehiclesmonitor.backend.status;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * {@link LastKnownStates} over {@code status_history}: the newest change of each vehicle.
 * Change ids grow with time across replicas and restarts, so the highest id is the newest
 * change; the index on (vin, change_id) answers the inner query from the index alone.
 */
@Component
class HistoryLastKnownStates implements LastKnownStates {

	private static final String NEWEST = "SELECT vin, status, changed_at, last_seen FROM status_history "
			+ "WHERE change_id IN (SELECT MAX(change_id) FROM status_history WHERE vin IN (:vins) GROUP BY vin)";

	private final DatabaseClient database;

	HistoryLastKnownStates(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Map<String, VehicleState>> lastKnown(Collection<String> vins) {
		if (vins.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.database.sql(NEWEST)
			.bind("vins", List.copyOf(vins))
			.map((row) -> new VehicleState(row.get("vin", String.class).strip(),
					Status.valueOf(row.get("status", String.class).strip()),
					instant(row.get("last_seen", OffsetDateTime.class)),
					instant(row.get("changed_at", OffsetDateTime.class))))
			.all()
			.collectMap(VehicleState::vin);
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

}
