package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The cluster-wide watermark: the minimum of the local watermark and the watermarks the
 * other live replicas published. A replica whose entry was not rewritten within the TTL
 * counts as gone (its unacknowledged pings were redelivered to the others by then), and
 * its entry is to be removed. Pure: time is passed in.
 */
final class ClusterWatermark {

	private final Duration ttl;

	ClusterWatermark(Duration ttl) {
		this.ttl = ttl;
	}

	/** The stored value of an entry: {@code watermarkMs|writtenAtMs}. */
	static String encode(Instant watermark, Instant writtenAt) {
		return watermark.toEpochMilli() + "|" + writtenAt.toEpochMilli();
	}

	/**
	 * Splits the published entries into the other replicas still alive and the fields to
	 * remove (stale or unreadable); the replica's own entry is neither.
	 */
	Reading read(Map<String, String> entries, String self, Instant now) {
		List<Entry> others = new ArrayList<>();
		List<String> stale = new ArrayList<>();
		entries.forEach((replica, value) -> {
			if (replica.equals(self)) {
				return;
			}
			Entry entry = decode(replica, value);
			if (entry != null && isLive(entry, now)) {
				others.add(entry);
			}
			else {
				stale.add(replica);
			}
		});
		return new Reading(List.copyOf(others), List.copyOf(stale));
	}

	/**
	 * The watermark at {@code now}: never beyond the local one, nor beyond any live other
	 * replica's.
	 */
	Instant at(Instant local, Collection<Entry> others, Instant now) {
		Instant minimum = local;
		for (Entry other : others) {
			if (isLive(other, now) && other.watermark().isBefore(minimum)) {
				minimum = other.watermark();
			}
		}
		return minimum;
	}

	private boolean isLive(Entry entry, Instant now) {
		return !now.isAfter(entry.writtenAt().plus(this.ttl));
	}

	private static Entry decode(String replica, String value) {
		int bar = value.indexOf('|');
		if (bar < 0) {
			return null;
		}
		try {
			return new Entry(replica, Instant.ofEpochMilli(Long.parseLong(value.substring(0, bar))),
					Instant.ofEpochMilli(Long.parseLong(value.substring(bar + 1))));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * One replica's published watermark.
	 *
	 * @param replica the replica's id
	 * @param watermark its local watermark
	 * @param writtenAt when it published it
	 */
	record Entry(String replica, Instant watermark, Instant writtenAt) {
	}

	/**
	 * @param others live entries of the other replicas
	 * @param stale fields to remove
	 */
	record Reading(List<Entry> others, List<String> stale) {
	}

}
