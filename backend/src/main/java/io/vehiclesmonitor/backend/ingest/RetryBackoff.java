package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exponential delay before requeueing pings whose batch failed, so a struggling status
 * store is not hammered with redeliveries; reset by the first batch that succeeds.
 */
final class RetryBackoff {

	private final Duration first;

	private final Duration max;

	private final AtomicInteger failures = new AtomicInteger();

	RetryBackoff(Duration first, Duration max) {
		this.first = first;
		this.max = max;
	}

	/** Records a failure and returns how long to wait before requeueing. */
	Duration failed() {
		int exponent = Math.min(this.failures.getAndIncrement(), 20);
		Duration delay = this.first.multipliedBy(1L << exponent);
		return (delay.compareTo(this.max) > 0) ? this.max : delay;
	}

	void succeeded() {
		this.failures.set(0);
	}

}
