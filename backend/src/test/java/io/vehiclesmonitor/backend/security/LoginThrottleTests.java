package io.vehiclesmonitor.backend.security;

import java.time.Duration;
import java.time.Instant;

import io.vehiclesmonitor.backend.status.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle's rules over a clock the test moves: per username, per address, the
 * window, and bounded memory.
 */
class LoginThrottleTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T15:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(this.clock, Duration.ofMinutes(15), 3, 5, 100);

	@Test
	void aUsernameIsRefusedAfterItsFailuresUntilTheWindowHasPassed() {
		fail("kalle", "10.0.0.1", 3);
		assertThat(this.throttle.waitBefore("kalle", "10.0.0.2")).isEqualTo(Duration.ofMinutes(15));
		assertThat(this.throttle.waitBefore("KALLE", "10.0.0.3")).isPositive();
		assertThat(this.throttle.waitBefore("johan", "10.0.0.2")).isZero();

		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.throttle.waitBefore("kalle", "10.0.0.2")).isEqualTo(Duration.ofMinutes(5));
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.throttle.waitBefore("kalle", "10.0.0.2")).isZero();
	}

	@Test
	void anAddressIsRefusedAfterFailuresOverManyUsernames() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("user" + i, "10.0.0.9");
		}
		assertThat(this.throttle.waitBefore("someone-else", "10.0.0.9")).isPositive();
		assertThat(this.throttle.waitBefore("someone-else", "10.0.0.8")).isZero();
	}

	@Test
	void fewerFailuresThanTheLimitAndASuccessRefuseNothing() {
		fail("kalle", "10.0.0.1", 2);
		assertThat(this.throttle.waitBefore("kalle", "10.0.0.1")).isZero();
		this.throttle.succeeded("kalle");
		fail("kalle", "10.0.0.1", 2);
		assertThat(this.throttle.waitBefore("kalle", "10.0.0.1")).isZero();
	}

	@Test
	void failuresOlderThanTheWindowStartAFreshCount() {
		fail("kalle", "10.0.0.1", 2);
		this.clock.advance(Duration.ofMinutes(16));
		fail("kalle", "10.0.0.1", 2);
		assertThat(this.throttle.waitBefore("kalle", "10.0.0.1")).isZero();
	}

	@Test
	void memoryStaysBoundedWhateverTheNumberOfNamesAndAddresses() {
		for (int i = 0; i < 10_000; i++) {
			this.throttle.failed("spray" + i, "10.1." + (i / 256) + "." + (i % 256));
		}
		assertThat(this.throttle.size()).isLessThanOrEqualTo(200);
	}

	private void fail(String username, String address, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.failed(username, address);
		}
	}

}
