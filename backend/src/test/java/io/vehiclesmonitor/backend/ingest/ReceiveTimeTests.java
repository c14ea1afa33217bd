package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiveTimeTests {

	private static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");

	private static final Duration SKEW = Duration.ofSeconds(5);

	@Test
	void aTimestampInThePastIsABacklogAndHonouredAsIs() {
		Instant anHourAgo = NOW.minus(Duration.ofHours(1));
		assertThat(ReceiveTime.resolve(anHourAgo, NOW, SKEW))
			.isEqualTo(new ReceiveTime(anHourAgo, ReceiveTime.Kind.AS_STAMPED));
	}

	@Test
	void aTimestampSlightlyAheadWithinTheSkewIsHonoured() {
		Instant ahead = NOW.plusSeconds(5);
		assertThat(ReceiveTime.resolve(ahead, NOW, SKEW))
			.isEqualTo(new ReceiveTime(ahead, ReceiveTime.Kind.AS_STAMPED));
	}

	@Test
	void aTimestampBeyondTheSkewIsClampedToNow() {
		assertThat(ReceiveTime.resolve(NOW.plusMillis(5001), NOW, SKEW))
			.isEqualTo(new ReceiveTime(NOW, ReceiveTime.Kind.CLAMPED));
	}

	@Test
	void aMissingTimestampBecomesNow() {
		assertThat(ReceiveTime.resolve(null, NOW, SKEW)).isEqualTo(new ReceiveTime(NOW, ReceiveTime.Kind.MISSING));
	}

}
