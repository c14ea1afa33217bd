package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * The receive time a ping is applied with, derived from the timestamp a trusted edge put
 * on it. A timestamp too far in the future (beyond the allowed clock skew) is clamped to
 * our clock, since a ping cannot have been received after we process it; an old one is a
 * backlog and honoured as is; a missing one becomes now.
 *
 * @param at the time to apply the ping with
 * @param kind how that time was derived
 */
record ReceiveTime(Instant at, Kind kind) {

	static ReceiveTime resolve(Instant stamped, Instant now, Duration maxClockSkew) {
		if (stamped == null) {
			return new ReceiveTime(now, Kind.MISSING);
		}
		if (stamped.isAfter(now.plus(maxClockSkew))) {
			return new ReceiveTime(now, Kind.CLAMPED);
		}
		return new ReceiveTime(stamped, Kind.AS_STAMPED);
	}

	enum Kind {

		/** The edge's timestamp, in the past or within the allowed skew. */
		AS_STAMPED,

		/** The timestamp lay too far in the future and was replaced by now. */
		CLAMPED,

		/** There was no timestamp; now was used. */
		MISSING

	}

}
