package io.vehiclesmonitor.backend.status.redis;

import java.time.Instant;

import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.VehicleState;

/**
 * Reads the compact state value the scripts write:
 * {@code status(C|D)|timeout ms|last seen ms|since ms}, unknown fields empty.
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
		return new VehicleState(vin, status, instant(fields[2]), instant(fields[3]));
	}

	static Instant instant(String millis) {
		return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
	}

}
