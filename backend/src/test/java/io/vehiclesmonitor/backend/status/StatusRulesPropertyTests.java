package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vehiclesmonitor.backend.status.PingProcessor.PingResult;
import io.vehiclesmonitor.backend.status.StatusRules.Expiry;
import io.vehiclesmonitor.backend.status.StatusRules.PingOutcome;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random histories of one vehicle: time moves on, pings arrive duplicated, out of order,
 * late and from skewed clocks, and sweeps run in between. Whatever happens, the changes
 * tell a consistent story.
 */
class StatusRulesPropertyTests {

	private static final Instant START = Instant.parse("2026-11-28T15:00:00Z");

	@Property(tries = 500)
	void changesAlternateStartingWithConnectAndNeverGoBackInTime(@ForAll("histories") List<Step> history,
			@ForAll @IntRange(min = 1, max = 120) int timeoutSeconds) {
		List<Transition> transitions = replay(history, Duration.ofSeconds(timeoutSeconds)).transitions;
		for (int i = 0; i < transitions.size(); i++) {
			Status expected = (i % 2 == 0) ? Status.CONNECTED : Status.DISCONNECTED;
			assertThat(transitions.get(i).status()).isEqualTo(expected);
			if (i > 0) {
				assertThat(transitions.get(i).at()).isAfterOrEqualTo(transitions.get(i - 1).at());
			}
		}
	}

	@Property(tries = 500)
	void lastSeenIsTheNewestPingAndNeverMovesBackwards(@ForAll("histories") List<Step> history,
			@ForAll @IntRange(min = 1, max = 120) int timeoutSeconds) {
		Replay replay = replay(history, Duration.ofSeconds(timeoutSeconds));
		assertThat(replay.state.lastSeen()).isEqualTo(replay.newestPing);
		for (int i = 1; i < replay.lastSeenAfterEachStep.size(); i++) {
			Instant before = replay.lastSeenAfterEachStep.get(i - 1);
			Instant after = replay.lastSeenAfterEachStep.get(i);
			if (before != null) {
				assertThat(after).isAfterOrEqualTo(before);
			}
		}
	}

	@Property(tries = 500)
	void afterAFinalSweepTheStatusIsTheBasicRule(@ForAll("histories") List<Step> history,
			@ForAll @IntRange(min = 1, max = 120) int timeoutSeconds) {
		Duration timeout = Duration.ofSeconds(timeoutSeconds);
		Replay replay = replay(history, timeout);
		Expiry expiry = StatusRules.expire(replay.state, replay.now);
		Tracked last = (expiry != null) ? expiry.next() : replay.state;
		assertThat(last.status()).isEqualTo(StatusRules.statusAt(last.lastSeen(), timeout, replay.now));
	}

	@Property(tries = 500)
	void stalePingsChangeNothingAndAppliedPingsAreNewer(@ForAll("histories") List<Step> history,
			@ForAll @IntRange(min = 1, max = 120) int timeoutSeconds) {
		Duration timeout = Duration.ofSeconds(timeoutSeconds);
		Tracked state = Tracked.registered(timeout);
		Instant now = START;
		for (Step step : history) {
			now = now.plusMillis(step.advanceMillis);
			if (!step.sweep) {
				Instant sent = now.plusMillis(step.pingOffsetMillis);
				PingOutcome outcome = StatusRules.ping(state, sent, now);
				Instant effective = sent.isAfter(now) ? now : sent;
				boolean newer = state.lastSeen() == null || effective.isAfter(state.lastSeen());
				assertThat(outcome.result()).isEqualTo(newer ? PingResult.APPLIED : PingResult.STALE);
				if (!newer) {
					assertThat(outcome.next()).isEqualTo(state);
					assertThat(outcome.transition()).isNull();
				}
				state = outcome.next();
			}
		}
	}

	private static Replay replay(List<Step> history, Duration timeout) {
		Replay replay = new Replay(Tracked.registered(timeout));
		for (Step step : history) {
			replay.now = replay.now.plusMillis(step.advanceMillis);
			if (step.sweep) {
				Expiry expiry = StatusRules.expire(replay.state, replay.now);
				if (expiry != null) {
					replay.state = expiry.next();
					replay.transitions.add(expiry.transition());
				}
			}
			else {
				Instant sent = step.duplicateOfNewest && replay.newestPing != null ? replay.newestPing
						: replay.now.plusMillis(step.pingOffsetMillis);
				Instant effective = sent.isAfter(replay.now) ? replay.now : sent;
				replay.newestPing = (replay.newestPing == null || effective.isAfter(replay.newestPing)) ? effective
						: replay.newestPing;
				PingOutcome outcome = StatusRules.ping(replay.state, sent, replay.now);
				replay.state = outcome.next();
				if (outcome.transition() != null) {
					replay.transitions.add(outcome.transition());
				}
			}
			replay.lastSeenAfterEachStep.add(replay.state.lastSeen());
		}
		return replay;
	}

	@Provide
	Arbitrary<List<Step>> histories() {
		Arbitrary<Step> step = Combinators
			.combine(Arbitraries.longs().between(0, 90_000), Arbitraries.integers().between(0, 3).map((n) -> n == 0),
					Arbitraries.longs().between(-200_000, 5_000),
					Arbitraries.integers().between(0, 9).map((n) -> n == 0))
			.as(Step::new);
		return step.list().ofMaxSize(80);
	}

	/**
	 * One step of a history: time moves on, then either a sweep or a ping sent at
	 * {@code now + pingOffset} (negative: delayed; positive: the sender's clock runs
	 * ahead), or a duplicate of the newest ping.
	 */
	record Step(long advanceMillis, boolean sweep, long pingOffsetMillis, boolean duplicateOfNewest) {
	}

	private static final class Replay {

		Tracked state;

		Instant now = START;

		Instant newestPing;

		final List<Transition> transitions = new ArrayList<>();

		final List<Instant> lastSeenAfterEachStep = new ArrayList<>();

		Replay(Tracked state) {
			this.state = state;
		}

	}

}
