package io.vehiclesmonitor.simulator.transport.amqp;

import java.time.Duration;

/**
 * When the next connection attempt may be made: exponential backoff between a minimum and
 * a maximum, reset by a success. While it says wait, sends fail fast and are counted
 * instead of piling up behind a dead broker.
 */
final class ReconnectBackoff {

	private final long minNanos;

	private final long maxNanos;

	private long currentNanos;

	private long nextAttemptAt = Long.MIN_VALUE;

	ReconnectBackoff(Duration min, Duration max) {
		this.minNanos = min.toNanos();
		this.maxNanos = Math.max(max.toNanos(), this.minNanos);
	}

	/**
	 * @param now current time in nanoseconds (monotonic)
	 * @return how long until an attempt is allowed; zero or negative when allowed now
	 */
	synchronized long waitNanos(long now) {
		return (this.nextAttemptAt == Long.MIN_VALUE) ? 0 : this.nextAttemptAt - now;
	}

	/**
	 * @param now when the attempt failed
	 * @return the backoff before the next attempt
	 */
	synchronized Duration failed(long now) {
		this.currentNanos = (this.currentNanos == 0) ? this.minNanos : Math.min(this.maxNanos, this.currentNanos * 2);
		this.nextAttemptAt = now + this.currentNanos;
		return Duration.ofNanos(this.currentNanos);
	}

	synchronized void succeeded() {
		this.currentNanos = 0;
		this.nextAttemptAt = Long.MIN_VALUE;
	}

}
