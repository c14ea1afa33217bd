package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.time.Instant;

import io.vehiclesmonitor.backend.status.PingProcessor.PingResult;
import io.vehiclesmonitor.backend.status.StatusRules.PingOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusRulesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(70);

	private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

	@Test
	void connectedExactlyWhileTheLastPingIsWithinTheTimeout() {
		assertThat(StatusRules.statusAt(null, TIMEOUT, T0)).isEqualTo(Status.DISCONNECTED);
		assertThat(StatusRules.statusAt(T0, TIMEOUT, T0)).isEqualTo(Status.CONNECTED);
		assertThat(StatusRules.statusAt(T0, TIMEOUT, T0.plus(TIMEOUT).minusMillis(1))).isEqualTo(Status.CONNECTED);
		assertThat(StatusRules.statusAt(T0, TIMEOUT, T0.plus(TIMEOUT))).isEqualTo(Status.DISCONNECTED);
	}

	@Test
	void firstPingConnectsAtItsTimeWithItsDeadline() {
		PingOutcome outcome = StatusRules.ping(Tracked.registered(TIMEOUT), T0.minusSeconds(3), T0);
		assertThat(outcome.result()).isEqualTo(PingResult.APPLIED);
		assertThat(outcome.transition())
			.isEqualTo(new Transition(Status.CONNECTED, T0.minusSeconds(3), T0.minusSeconds(3)));
		assertThat(outcome.next().deadline()).isEqualTo(T0.minusSeconds(3).plus(TIMEOUT));
	}

	@Test
	void duplicatePingIsStale() {
		Tracked connected = StatusRules.ping(Tracked.registered(TIMEOUT), T0, T0).next();
		PingOutcome duplicate = StatusRules.ping(connected, T0, T0.plusSeconds(1));
		assertThat(duplicate.result()).isEqualTo(PingResult.STALE);
		assertThat(duplicate.next()).isSameAs(connected);
		assertThat(duplicate.transition()).isNull();
	}

	@Test
	void pingWhoseDeadlinePassedLeavesTheVehicleDisconnected() {
		PingOutcome outcome = StatusRules.ping(Tracked.registered(TIMEOUT), T0, T0.plus(TIMEOUT));
		assertThat(outcome.result()).isEqualTo(PingResult.APPLIED);
		assertThat(outcome.next().status()).isEqualTo(Status.DISCONNECTED);
		assertThat(outcome.next().lastSeen()).isEqualTo(T0);
		assertThat(outcome.transition()).isNull();
	}

	@Test
	void connectedVehicleIsOnlyDisconnectedByTheSweepAtItsDeadline() {
		Tracked connected = StatusRules.ping(Tracked.registered(TIMEOUT), T0, T0).next();
		PingOutcome late = StatusRules.ping(connected, T0.plusSeconds(1), T0.plusSeconds(200));
		assertThat(late.next().status()).isEqualTo(Status.CONNECTED);
		assertThat(late.next().deadline()).isEqualTo(T0.plusSeconds(1).plus(TIMEOUT));
		assertThat(StatusRules.expire(late.next(), T0.plus(TIMEOUT))).isNull();
		StatusRules.Expiry expiry = StatusRules.expire(late.next(), T0.plusSeconds(200));
		assertThat(expiry.transition())
			.isEqualTo(new Transition(Status.DISCONNECTED, T0.plusSeconds(1).plus(TIMEOUT), T0.plusSeconds(1)));
	}

	@Test
	void reseededConnectedVehicleKeepsItsGraceWhenAnOlderPingArrives() {
		Instant connectedAt = T0.minusSeconds(300);
		Tracked seeded = Tracked.reseeded(new VehicleState("V", Status.CONNECTED, connectedAt, connectedAt), TIMEOUT,
				T0);
		assertThat(seeded.deadline()).isEqualTo(T0.plus(TIMEOUT));
		PingOutcome outcome = StatusRules.ping(seeded, T0.minusSeconds(30), T0);
		assertThat(outcome.transition()).isNull();
		assertThat(outcome.next().deadline()).isEqualTo(T0.plus(TIMEOUT));
		assertThat(outcome.next().lastSeen()).isEqualTo(T0.minusSeconds(30));
		assertThat(outcome.next().since()).isEqualTo(connectedAt);
	}

	@Test
	void reseededDisconnectedOrNeverSeenVehicleHasNoDeadline() {
		Instant lastSeen = T0.minusSeconds(300);
		Tracked disconnected = Tracked
			.reseeded(new VehicleState("V", Status.DISCONNECTED, lastSeen, lastSeen.plus(TIMEOUT)), TIMEOUT, T0);
		assertThat(disconnected)
			.isEqualTo(new Tracked(Status.DISCONNECTED, TIMEOUT, lastSeen, lastSeen.plus(TIMEOUT), null));
		assertThat(StatusRules.expire(disconnected, T0.plusSeconds(3600))).isNull();
		assertThat(Tracked.reseeded(null, TIMEOUT, T0)).isEqualTo(Tracked.registered(TIMEOUT));
	}

}
