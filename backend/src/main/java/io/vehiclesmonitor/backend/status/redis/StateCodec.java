package io.vehiclesmonitor.backend.status.redis;

import java.time.Instant;

import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.VehicleState;

/**
 * Reads the compact state value the scripts write:
 * {@code status(C|D)|timeout ms|last seen ms|since ms}, numbers in base 36 (a timestamp
 * takes 8 characters instead of 13), unknown fields empty.
 */
final class StateCodec {

	private StateCodec() {
	}

	static VehicleState decode(String vin, String raw) {
		if (raw == null || raw.isEmpty()) {
			return VehicleState.neverSeen(vin);
		}
		String[] fields = raw.split("\\|", -1);
		Status status = "C".equals(fields[0]) ? Status.CONNECTED : Status.DISCONNECTED;
		return new VehicleState(vin, status, base36Instant(fields[2]), base36Instant(fields[3]));
	}

	private static Instant base36Instant(String millis) {
		return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis, 36));
	}

	/** Decimal epoch milliseconds, as in change stream entries. */
	static Instant instant(String millis) {
		return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
	}

}
