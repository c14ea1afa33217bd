package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WatermarkTests {

	private static final Instant START = Instant.parse("2026-11-28T15:00:00Z");

	private final Watermark watermark = new Watermark(START, Duration.ofSeconds(3));

	@Test
	void isHeldAtStartUpUntilTheFirstObservationShowsWeAreCaughtUp() {
		assertThat(this.watermark.at(START.plusSeconds(10), true)).isEqualTo(START);
		this.watermark.behind(START.plusSeconds(11));
		assertThat(this.watermark.at(START.plusSeconds(12), true)).isEqualTo(START);
		this.watermark.caughtUp(START.plusSeconds(13));
		assertThat(this.watermark.at(START.plusSeconds(14), true)).isEqualTo(START.plusSeconds(14));
	}

	@Test
	void followsTheClockWhileCaughtUp() {
		this.watermark.caughtUp(START.plusSeconds(1));
		this.watermark.caughtUp(START.plusSeconds(2));
		assertThat(this.watermark.at(START.plusMillis(2500), true)).isEqualTo(START.plusMillis(2500));
	}

	@Test
	void freezesAtTheLastCaughtUpInstantWhileTheBacklogIsAboveTheThreshold() {
		this.watermark.caughtUp(START.plusSeconds(1));
		this.watermark.behind(START.plusSeconds(2));
		this.watermark.behind(START.plusSeconds(3));
		assertThat(this.watermark.at(START.plusSeconds(60), true)).isEqualTo(START.plusSeconds(1));
		this.watermark.caughtUp(START.plusSeconds(61));
		assertThat(this.watermark.at(START.plusSeconds(62), true)).isEqualTo(START.plusSeconds(62));
	}

	@Test
	void freezesAtOnceWhenTheConnectionIsLostWithoutWaitingForThePoll() {
		this.watermark.caughtUp(START.plusSeconds(1));
		assertThat(this.watermark.at(START.plusSeconds(2), false)).isEqualTo(START.plusSeconds(1));
	}

	@Test
	void freezesWhenObservationsStopComing() {
		this.watermark.caughtUp(START.plusSeconds(1));
		assertThat(this.watermark.at(START.plusSeconds(4), true)).isEqualTo(START.plusSeconds(4));
		assertThat(this.watermark.at(START.plusSeconds(5), true)).isEqualTo(START.plusSeconds(1));
	}

}
