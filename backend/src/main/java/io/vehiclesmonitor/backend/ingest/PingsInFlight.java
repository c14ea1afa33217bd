package io.vehiclesmonitor.backend.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The receive times of the messages this replica took from its sources and has not
 * settled yet (decoded, batched, being applied, or waiting to be requeued). The broker's
 * queue depth does not count them: they are delivered, just not acknowledged. While one
 * is held, the watermark may not pass its oldest ping's receive time, or a sweep could
 * disconnect a vehicle whose timely ping is sitting right here.
 */
final class PingsInFlight {

	private final TreeMap<Long, Integer> held = new TreeMap<>();

	/** A message whose oldest ping was received at {@code oldest} is now held. */
	synchronized void hold(Instant oldest) {
		this.held.merge(oldest.toEpochMilli(), 1, Integer::sum);
	}

	/** That message is settled (acknowledged, requeued or dead-lettered). */
	synchronized void release(Instant oldest) {
		this.held.computeIfPresent(oldest.toEpochMilli(), (at, count) -> (count > 1) ? count - 1 : null);
	}

	/**
	 * The watermark lowered, if need be, to just before the oldest receive time held, so
	 * that ping's vehicle cannot be found overdue up to it.
	 */
	synchronized Instant bound(Instant watermark) {
		Map.Entry<Long, Integer> oldest = this.held.firstEntry();
		if (oldest == null || oldest.getKey() > watermark.toEpochMilli()) {
			return watermark;
		}
		return Instant.ofEpochMilli(oldest.getKey() - 1);
	}

	synchronized int size() {
		return this.held.values().stream().mapToInt(Integer::intValue).sum();
	}

}
