package io.vehiclesmonitor.backend.ingest;

/**
 * Why a message or request was refused. The code is stable: it is the value of the
 * {@code x-vm-reject-reason} header on dead-lettered messages and the {@code reason} tag
 * of the rejection metric.
 */
public enum RejectReason {

	MALFORMED_JSON("malformed-json"), MISSING_VIN("missing-vin"), INVALID_VIN("invalid-vin"),
	INVALID_TIMESTAMP("invalid-timestamp"), UNKNOWN_VEHICLE("unknown-vehicle"), OVERSIZED("oversized"),
	UNSUPPORTED_CONTENT_TYPE("unsupported-content-type"), UNSUPPORTED_VERSION("unsupported-version"),
	/** HTTP only: the in-process queue is full, or the ping was not applied in time. */
	OVERLOADED("overloaded");

	private final String code;

	RejectReason(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

}
