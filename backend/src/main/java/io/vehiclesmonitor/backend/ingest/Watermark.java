package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * Up to when every ping that reached the broker has been applied, judged from periodic
 * observations of the consumer. While caught up (connected, backlog at most the
 * threshold, last observation recent) it is the current time; otherwise it stays at the
 * last instant we were seen caught up. It starts held at the start-up instant until the
 * first observation shows we are caught up, since a backlog may have piled up while the
 * backend was down. Pure: time is passed in.
 */
final class Watermark {

	private final Duration maxObservationAge;

	private Instant lastCaughtUp;

	private Instant lastObserved;

	private boolean caughtUp;

	Watermark(Instant startedAt, Duration maxObservationAge) {
		this.lastCaughtUp = startedAt;
		this.maxObservationAge = maxObservationAge;
	}

	/**
	 * An observation: the consumer was connected with a backlog at most the threshold.
	 */
	synchronized void caughtUp(Instant at) {
		this.caughtUp = true;
		this.lastCaughtUp = at;
		this.lastObserved = at;
	}

	/** An observation: the broker was unreachable or the backlog above the threshold. */
	synchronized void behind(Instant at) {
		this.caughtUp = false;
		this.lastObserved = at;
	}

	/**
	 * The watermark at {@code now}; {@code connected} is the connection state right now,
	 * so a lost connection freezes the watermark without waiting for the next poll.
	 */
	synchronized Instant at(Instant now, boolean connected) {
		boolean fresh = this.lastObserved != null && !now.isAfter(this.lastObserved.plus(this.maxObservationAge));
		return (this.caughtUp && connected && fresh) ? now : this.lastCaughtUp;
	}

}
