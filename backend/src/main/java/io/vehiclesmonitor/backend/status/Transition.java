package io.vehiclesmonitor.backend.status;

import java.time.Instant;

/**
 * A status change decided by {@link StatusRules}, before a store gives it an id.
 *
 * @param status the new status
 * @param at when it truly happened
 * @param lastSeen the vehicle's last ping time, {@code null} if unknown
 */
public record Transition(Status status, Instant at, Instant lastSeen) {

	public StatusChange withId(long id, String vin) {
		return new StatusChange(id, vin, this.status, this.at, this.lastSeen);
	}

}
