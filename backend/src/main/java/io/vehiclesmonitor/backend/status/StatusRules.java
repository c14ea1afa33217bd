package io.vehiclesmonitor.backend.status;

import java.time.Duration;
import java.time.Instant;

import io.vehiclesmonitor.backend.status.PingProcessor.PingResult;

/**
 * The status rules as plain functions over values; every store applies exactly these (the
 * Redis store mirrors them in its Lua scripts, and one contract test suite holds both to
 * them).
 * <ul>
 * <li>A vehicle is Connected while {@code now < lastSeen + timeout}; the deadline itself
 * already counts as Disconnected. Never seen means Disconnected with no last seen.</li>
 * <li>A ping's effective time is {@code min(receivedAt, now)}: nothing is seen in the
 * future, so a skewed edge clock cannot pin a vehicle as Connected.</li>
 * <li>A ping not newer than last seen is STALE and changes nothing (duplicates,
 * out-of-order delivery), so last seen never moves backwards.</li>
 * <li>A newer ping always moves last seen. It makes a Disconnected vehicle Connected only
 * if its own deadline is still ahead ({@code time + timeout > now}); an old ping whose
 * deadline already passed leaves a Disconnected vehicle Disconnected. A Connected vehicle
 * keeps the later of its deadlines, and only the sweep disconnects, so that every
 * disconnect respects the ingestion watermark.</li>
 * <li>A connect is stamped with the ping time and a disconnect with the deadline, but
 * never earlier than the change before it, so the changes of a vehicle have
 * non-decreasing times and always alternate.</li>
 * </ul>
 */
public final class StatusRules {

	private StatusRules() {
	}

	/** The basic rule: the status that a last ping implies at a given time. */
	public static Status statusAt(Instant lastSeen, Duration timeout, Instant now) {
		return (lastSeen != null && now.isBefore(lastSeen.plus(timeout))) ? Status.CONNECTED : Status.DISCONNECTED;
	}

	/** Applies one ping at {@code now}. */
	public static PingOutcome ping(Tracked state, Instant receivedAt, Instant now) {
		Instant time = receivedAt.isAfter(now) ? now : receivedAt;
		if (state.lastSeen() != null && !time.isAfter(state.lastSeen())) {
			return new PingOutcome(state, PingResult.STALE, null);
		}
		Instant ownDeadline = time.plus(state.timeout());
		if (state.status() == Status.CONNECTED) {
			Instant deadline = later(state.deadline(), ownDeadline);
			return new PingOutcome(new Tracked(Status.CONNECTED, state.timeout(), time, state.since(), deadline),
					PingResult.APPLIED, null);
		}
		if (!ownDeadline.isAfter(now)) {
			return new PingOutcome(new Tracked(Status.DISCONNECTED, state.timeout(), time, state.since(), null),
					PingResult.APPLIED, null);
		}
		Instant at = later(state.since(), time);
		Tracked next = new Tracked(Status.CONNECTED, state.timeout(), time, at, ownDeadline);
		return new PingOutcome(next, PingResult.APPLIED, new Transition(Status.CONNECTED, at, time));
	}

	/**
	 * Disconnects a Connected vehicle whose deadline is at or before {@code limit};
	 * returns {@code null} when nothing is due.
	 */
	public static Expiry expire(Tracked state, Instant limit) {
		if (state.status() != Status.CONNECTED || state.deadline().isAfter(limit)) {
			return null;
		}
		Instant at = later(state.since(), state.deadline());
		Tracked next = new Tracked(Status.DISCONNECTED, state.timeout(), state.lastSeen(), at, null);
		return new Expiry(next, new Transition(Status.DISCONNECTED, at, state.lastSeen()));
	}

	/**
	 * A registered vehicle's timeout changed: a Connected vehicle with a known last ping
	 * gets the deadline the new timeout implies (the sweep applies it). A re-seeded
	 * vehicle still in its grace (a deadline beyond what its last ping implies) keeps one
	 * full timeout from the recovery, now of the new length: its known last ping may be
	 * much older than its true one.
	 */
	public static Tracked retime(Tracked state, Duration timeout) {
		Instant deadline = state.deadline();
		if (state.status() == Status.CONNECTED && state.lastSeen() != null) {
			boolean inGrace = deadline.isAfter(state.lastSeen().plus(state.timeout()));
			Instant grace = inGrace ? deadline.minus(state.timeout()).plus(timeout) : null;
			deadline = later(grace, state.lastSeen().plus(timeout));
		}
		return new Tracked(state.status(), timeout, state.lastSeen(), state.since(), deadline);
	}

	private static Instant later(Instant first, Instant second) {
		return (first == null || second.isAfter(first)) ? second : first;
	}

	/**
	 * Result of one ping: the next state, what became of the ping, and the change it
	 * caused ({@code null} if none).
	 */
	public record PingOutcome(Tracked next, PingResult result, Transition transition) {
	}

	/**
	 * A disconnect decided by the sweep.
	 */
	public record Expiry(Tracked next, Transition transition) {
	}

}
