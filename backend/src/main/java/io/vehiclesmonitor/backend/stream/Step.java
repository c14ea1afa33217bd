package io.vehiclesmonitor.backend.stream;

import java.util.List;

/**
 * What happens next in one client's stream, before it is rendered as events.
 */
sealed interface Step {

	/** A chunk of the snapshot consistent with change {@code changeId}. */
	record Part(long changeId, List<Payloads.Vehicle> vehicles) implements Step {
	}

	/** The snapshot is complete and consistent with change {@code changeId}. */
	record SnapshotEnd(long changeId) implements Step {
	}

	/** The client resumes after change {@code changeId}, which it already has. */
	record Resume(long changeId) implements Step {
	}

	/** A batch of changes, from the live feed or a replay. */
	record Live(ChangeBatch batch) implements Step {
	}

	/** The client must start over with a fresh snapshot. */
	record Resync(String reason) implements Step {
	}

}
