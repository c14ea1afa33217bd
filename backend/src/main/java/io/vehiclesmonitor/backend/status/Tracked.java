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
	 * A vehicle re-seeded after the live state was lost (or on a first start), continuing
	 * from its last known state ({@code null} if it was never seen). One last known
	 * Connected gets the benefit of the doubt for one full timeout from now, so a
	 * recovery never blames the whole fleet at once; one last known Disconnected stays
	 * Disconnected and one never seen stays never seen. Seeding emits no change either
	 * way.
	 */
	public static Tracked reseeded(VehicleState lastKnown, Duration timeout, Instant now) {
		if (lastKnown == null) {
			return registered(timeout);
		}
		if (lastKnown.status() == Status.CONNECTED) {
			return new Tracked(Status.CONNECTED, timeout, lastKnown.lastSeen(), lastKnown.since(), now.plus(timeout));
		}
		return new Tracked(Status.DISCONNECTED, timeout, lastKnown.lastSeen(), lastKnown.since(), null);
	}

	public VehicleState toState(String vin) {
		return new VehicleState(vin, this.status, this.lastSeen, this.since);
	}

}
