package io.vehiclesmonitor.backend.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Percentiles of a set of latencies (nearest rank), in milliseconds.
 *
 * @param label what was measured
 * @param count number of samples
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max largest sample
 * @param min smallest sample
 */
record LatencyStats(String label, int count, long p50, long p95, long p99, long max, long min) {

	static LatencyStats of(String label, List<Duration> samples) {
		List<Long> millis = new ArrayList<>(samples.stream().map(Duration::toMillis).toList());
		if (millis.isEmpty()) {
			throw new IllegalArgumentException("no samples for " + label);
		}
		Collections.sort(millis);
		return new LatencyStats(label, millis.size(), rank(millis, 0.50), rank(millis, 0.95), rank(millis, 0.99),
				millis.get(millis.size() - 1), millis.get(0));
	}

	private static long rank(List<Long> sorted, double quantile) {
		int index = (int) Math.ceil(quantile * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	String markdownRow() {
		return "| " + this.label + " | " + this.count + " | " + this.min + " | " + this.p50 + " | " + this.p95 + " | "
				+ this.p99 + " | " + this.max + " |";
	}

}
