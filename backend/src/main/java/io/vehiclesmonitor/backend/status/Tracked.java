package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.time.Instant;

/**
 * What the status engine keeps per registered vehicle. Stores persist it in their own
 * encoding; {@link StatusRules} says how it evolves.
 *
 * @param status current status
 * @param timeout effective timeout (interval plus grace)
 * @param lastSeen newest ping time applied, {@code null} if none since the state began
 * @param since when the current status began, {@code null} if it was never observed
 * @param deadline when a Connected vehicle becomes Disconnected unless it pings;
 * {@code null} exactly when Disconnected
 */
public record Tracked(Status status, Duration timeout, Instant lastSeen, Instant since, Instant deadline) {

	/** A vehicle that has just been registered and never pinged. */
	public static Tracked registered(Duration timeout) {
		return new Tracked(Status.DISCONNECTED, timeout, null, null, null);
	}

	/**
	 * A vehicle re-seeded after the live state was lost: given the benefit of the doubt
	 * for one full timeout, so a restart never blames the whole fleet at once.
	 */
	public static Tracked seeded(Duration timeout, Instant now) {
		return new Tracked(Status.CONNECTED, timeout, null, null, now.plus(timeout));
	}

	public VehicleState toState(String vin) {
		return new VehicleState(vin, this.status, this.lastSeen, this.since);
	}

}
