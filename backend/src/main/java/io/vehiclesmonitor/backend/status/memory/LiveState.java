package io.vehiclesmonitor.backend.status.memory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import io.vehiclesmonitor.backend.status.Tracked;

/**
 * The vehicles' states plus an index of the Connected ones by deadline, kept in step. Not
 * thread-safe: the store guards it.
 */
final class LiveState {

	private final Map<String, Tracked> vehicles = new HashMap<>();

	private final NavigableSet<Due> deadlines = new TreeSet<>();

	Tracked get(String vin) {
		return this.vehicles.get(vin);
	}

	boolean contains(String vin) {
		return this.vehicles.containsKey(vin);
	}

	/** Replaces the state of a vehicle; {@code null} forgets it. */
	void put(String vin, Tracked next) {
		Tracked previous = this.vehicles.get(vin);
		if (previous != null && previous.deadline() != null) {
			this.deadlines.remove(new Due(previous.deadline(), vin));
		}
		if (next == null) {
			this.vehicles.remove(vin);
			return;
		}
		this.vehicles.put(vin, next);
		if (next.deadline() != null) {
			this.deadlines.add(new Due(next.deadline(), vin));
		}
	}

	/**
	 * The vehicle with the earliest deadline at or before {@code limit}, or {@code null}.
	 */
	String firstDue(Instant limit) {
		if (this.deadlines.isEmpty() || this.deadlines.first().deadline().isAfter(limit)) {
			return null;
		}
		return this.deadlines.first().vin();
	}

	/** The earliest deadline of any Connected vehicle, or {@code null}. */
	Instant firstDeadline() {
		return this.deadlines.isEmpty() ? null : this.deadlines.first().deadline();
	}

	private record Due(Instant deadline, String vin) implements Comparable<Due> {

		@Override
		public int compareTo(Due other) {
			int byDeadline = this.deadline.compareTo(other.deadline);
			return (byDeadline != 0) ? byDeadline : this.vin.compareTo(other.vin);
		}

	}

}
