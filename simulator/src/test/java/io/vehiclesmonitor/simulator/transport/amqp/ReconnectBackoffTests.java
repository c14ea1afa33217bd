package io.vehiclesmonitor.simulator.transport.amqp;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectBackoffTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void theFirstAttemptIsImmediate() {
		assertThat(new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)).waitNanos(0))
			.isLessThanOrEqualTo(0);
	}

	@Test
	void failuresDoubleTheWaitUpToTheMaximum() {
		ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));

		assertThat(backoff.failed(0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.waitNanos(SECOND / 2)).isEqualTo(SECOND / 2);
		assertThat(backoff.waitNanos(SECOND)).isLessThanOrEqualTo(0);
		assertThat(backoff.failed(SECOND)).isEqualTo(Duration.ofSeconds(2));
		assertThat(backoff.failed(3 * SECOND)).isEqualTo(Duration.ofSeconds(4));
		assertThat(backoff.failed(7 * SECOND)).isEqualTo(Duration.ofSeconds(5));
		assertThat(backoff.waitNanos(8 * SECOND)).isEqualTo(4 * SECOND);
	}

	@Test
	void aSuccessResetsTheBackoff() {
		ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
		backoff.failed(0);
		backoff.failed(SECOND);

		backoff.succeeded();

		assertThat(backoff.waitNanos(SECOND)).isLessThanOrEqualTo(0);
		assertThat(backoff.failed(2 * SECOND)).isEqualTo(Duration.ofSeconds(1));
	}

}
