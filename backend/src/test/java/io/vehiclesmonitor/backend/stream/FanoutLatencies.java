package io.vehiclesmonitor.backend.stream;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * TEST ONLY: emit times of the benchmark's changes (by id, monotonic clock) and the
 * distribution of delivery latencies over all clients, in 1 ms buckets.
 */
final class FanoutLatencies {

	private static final int MAX_MILLIS = 120_000;

	private final AtomicLongArray emitted;

	private final AtomicLongArray buckets = new AtomicLongArray(MAX_MILLIS + 1);

	private final AtomicLong count = new AtomicLong();

	private final AtomicLong maxNanos = new AtomicLong();

	private final AtomicLong unknown = new AtomicLong();

	private volatile long base = Long.MAX_VALUE;

	FanoutLatencies(int changes) {
		this.emitted = new AtomicLongArray(changes);
	}

	/** Changes with ids above {@code base} are measured. */
	void start(long base) {
		this.base = base;
	}

	void emitted(long id, long nanos) {
		this.emitted.set(index(id), nanos);
	}

	void record(long id, long receivedNanos) {
		long index = id - this.base - 1;
		long emittedNanos = (index >= 0 && index < this.emitted.length()) ? this.emitted.get((int) index) : 0;
		if (emittedNanos == 0) {
			this.unknown.incrementAndGet();
			return;
		}
		long latency = receivedNanos - emittedNanos;
		this.buckets.incrementAndGet((int) Math.min(MAX_MILLIS, TimeUnit.NANOSECONDS.toMillis(latency)));
		this.count.incrementAndGet();
		this.maxNanos.accumulateAndGet(latency, Math::max);
	}

	private int index(long id) {
		return (int) (id - this.base - 1);
	}

	long count() {
		return this.count.get();
	}

	long unknown() {
		return this.unknown.get();
	}

	double maxMillis() {
		return this.maxNanos.get() / 1e6;
	}

	/** The bucket (ms) below or at which {@code fraction} of the latencies fall. */
	long percentileMillis(double fraction) {
		long rank = (long) Math.ceil(fraction * this.count.get());
		long seen = 0;
		for (int ms = 0; ms <= MAX_MILLIS; ms++) {
			seen += this.buckets.get(ms);
			if (seen >= rank) {
				return ms;
			}
		}
		return MAX_MILLIS;
	}

}
