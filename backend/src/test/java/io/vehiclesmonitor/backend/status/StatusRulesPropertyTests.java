package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vehiclesmonitor.backend.status.PingProcessor.PingResult;
import io.vehiclesmonitor.backend.status.StatusRules.Expiry;
import io.vehiclesmonitor.backend.status.StatusRules.PingOutcome;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Random histories of one vehicle: time moves on, pings arrive duplicated, out of order,
 * late and from skewed clocks, and sweeps run in between. Whatever happens, the changes
 * tell a consistent story.
 */
class StatusRulesPropertyTests {

	private static final Instant START = Instant.parse("2026-11-28T15:00:00Z");

	@Test
	void changesAlternateStartingWithConnectAndNeverGoBackInTime() {
		forAllHistories(StatusRulesPropertyTests::changesAlternateStartingWithConnectAndNeverGoBackInTime);
	}

	private static void changesAlternateStartingWithConnectAndNeverGoBackInTime(List<Step> history,
			int timeoutSeconds) {
		List<Transition> transitions = replay(history, Duration.ofSeconds(timeoutSeconds)).transitions;
		for (int i = 0; i < transitions.size(); i++) {
			Status expected = (i % 2 == 0) ? Status.CONNECTED : Status.DISCONNECTED;
			assertThat(transitions.get(i).status()).isEqualTo(expected);
			if (i > 0) {
				assertThat(transitions.get(i).at()).isAfterOrEqualTo(transitions.get(i - 1).at());
			}
		}
	}

	@Test
	void lastSeenIsTheNewestPingAndNeverMovesBackwards() {
		forAllHistories(StatusRulesPropertyTests::lastSeenIsTheNewestPingAndNeverMovesBackwards);
	}

	private static void lastSeenIsTheNewestPingAndNeverMovesBackwards(List<Step> history, int timeoutSeconds) {
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

	@Test
	void afterAFinalSweepTheStatusIsTheBasicRule() {
		forAllHistories(StatusRulesPropertyTests::afterAFinalSweepTheStatusIsTheBasicRule);
	}

	private static void afterAFinalSweepTheStatusIsTheBasicRule(List<Step> history, int timeoutSeconds) {
		Duration timeout = Duration.ofSeconds(timeoutSeconds);
		Replay replay = replay(history, timeout);
		Expiry expiry = StatusRules.expire(replay.state, replay.now);
		Tracked last = (expiry != null) ? expiry.next() : replay.state;
		assertThat(last.status()).isEqualTo(StatusRules.statusAt(last.lastSeen(), timeout, replay.now));
	}

	@Test
	void stalePingsChangeNothingAndAppliedPingsAreNewer() {
		forAllHistories(StatusRulesPropertyTests::stalePingsChangeNothingAndAppliedPingsAreNewer);
	}

	private static void stalePingsChangeNothingAndAppliedPingsAreNewer(List<Step> history, int timeoutSeconds) {
		Duration timeout = Duration.ofSeconds(timeoutSeconds);
		Tracked state = Tracked.registered(timeout);
		Instant now = START;
		for (Step step : history) {
			now = now.plusMillis(step.advanceMillis);
			if (!step.sweep) {
				Instant sent = (step.duplicateOfNewest && state.lastSeen() != null) ? state.lastSeen()
						: now.plusMillis(step.pingOffsetMillis);
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

	/** 500 random histories, each with a timeout of 1 to 120 s. */
	private static void forAllHistories(java.util.function.BiConsumer<List<Step>, Integer> property) {
		qt().withExamples(500).forAll(histories(), integers().between(1, 120)).checkAssert(property);
	}

	private static Gen<List<Step>> histories() {
		// About a quarter of the steps leave time still and a fifth of the pings come
		// from a
		// clock ahead of ours (clamped to now): that is where equal times, the edge of
		// every rule, come from.
		Gen<Long> advance = longs().between(-30_000, 90_000).map((millis) -> Math.max(0, millis));
		Gen<Long> offset = longs().between(-200_000, 50_000).map((millis) -> Math.min(millis, 5_000));
		Gen<Step> step = advance.zip(integers().between(0, 3).map((n) -> n == 0), offset,
				integers().between(0, 9).map((n) -> n == 0), Step::new);
		return lists().of(step).ofSizeBetween(0, 80);
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
