package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTests {

	private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));

	@Test
	void doublesOnEveryConsecutiveFailureUpToTheMaximum() {
		assertThat(this.backoff.failed()).isEqualTo(Duration.ofMillis(100));
		assertThat(this.backoff.failed()).isEqualTo(Duration.ofMillis(200));
		assertThat(this.backoff.failed()).isEqualTo(Duration.ofMillis(400));
		assertThat(this.backoff.failed()).isEqualTo(Duration.ofMillis(800));
		assertThat(this.backoff.failed()).isEqualTo(Duration.ofSeconds(1));
		for (int i = 0; i < 100; i++) {
			this.backoff.failed();
		}
		assertThat(this.backoff.failed()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void startsOverAfterASuccess() {
		this.backoff.failed();
		this.backoff.failed();
		this.backoff.succeeded();
		assertThat(this.backoff.failed()).isEqualTo(Duration.ofMillis(100));
	}

}
