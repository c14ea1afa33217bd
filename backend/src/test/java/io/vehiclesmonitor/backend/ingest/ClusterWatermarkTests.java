package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vehiclesmonitor.backend.ingest.ClusterWatermark.Entry;
import io.vehiclesmonitor.backend.ingest.ClusterWatermark.Reading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterWatermarkTests {

	private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

	private static final Duration TTL = Duration.ofSeconds(30);

	private final ClusterWatermark cluster = new ClusterWatermark(TTL);

	@Test
	void theWatermarkIsTheMinimumOverTheLocalOneAndTheLiveOthers() {
		Instant now = T0.plusSeconds(10);
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("healthy", ClusterWatermark.encode(now.minusMillis(200), now.minusMillis(200)));
		entries.put("stalled", ClusterWatermark.encode(T0, now.minusMillis(300)));

		Reading reading = this.cluster.read(entries, "self", now);

		assertThat(reading.stale()).isEmpty();
		assertThat(this.cluster.at(now, reading.others(), now)).isEqualTo(T0);
	}

	@Test
	void theLocalWatermarkIsNeverExceeded() {
		Instant now = T0.plusSeconds(10);
		List<Entry> others = List.of(new Entry("other", now, now));

		assertThat(this.cluster.at(T0.plusSeconds(3), others, now)).isEqualTo(T0.plusSeconds(3));
	}

	@Test
	void theOwnEntryIsNeitherAnOtherNorStale() {
		Map<String, String> entries = Map.of("self", ClusterWatermark.encode(T0, T0));

		Reading reading = this.cluster.read(entries, "self", T0.plus(TTL).plusSeconds(1));

		assertThat(reading.others()).isEmpty();
		assertThat(reading.stale()).isEmpty();
	}

	@Test
	void anEntryNotRewrittenWithinTheTtlNoLongerCountsAndIsToBeRemoved() {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("gone", ClusterWatermark.encode(T0, T0));
		entries.put("garbled", "not-a-watermark");
		entries.put("alive", ClusterWatermark.encode(T0.plusSeconds(20), T0.plusSeconds(20)));
		Instant now = T0.plus(TTL).plusMillis(1);

		Reading reading = this.cluster.read(entries, "self", now);

		assertThat(reading.stale()).containsExactlyInAnyOrder("gone", "garbled");
		assertThat(reading.others()).extracting(Entry::replica).containsExactly("alive");
		assertThat(this.cluster.at(now, reading.others(), now)).isEqualTo(T0.plusSeconds(20));
	}

	@Test
	void anEntryReadEarlierStopsCountingOnceItsTtlRunsOutWithoutAnotherRead() {
		// Redis unreachable since the last read: the cached entries age with the clock.
		List<Entry> others = List.of(new Entry("stalled", T0, T0));

		assertThat(this.cluster.at(T0.plus(TTL), others, T0.plus(TTL))).isEqualTo(T0);
		Instant later = T0.plus(TTL).plusMillis(1);
		assertThat(this.cluster.at(later, others, later)).isEqualTo(later);
	}

}
