package io.vehiclesmonitor.backend.fleet;

import java.util.List;

/**
 * Answer of {@code POST /vehicles/import}.
 *
 * @param imported how many vehicles were registered
 * @param rejected how many rows were rejected
 * @param errors why, one entry per rejected row (the first {@link #MAX_ERRORS} of them)
 */
record ImportReport(long imported, long rejected, List<ImportError> errors) {

	static final int MAX_ERRORS = 1000;

	/**
	 * Why one row was rejected.
	 *
	 * @param row the row number (see {@link ImportRow#row()})
	 * @param field the offending field: {@code vin}, {@code regNr}, {@code customerId} or
	 * {@code row} for a row that cannot be read at all
	 * @param reason human-readable reason
	 */
	record ImportError(long row, String field, String reason) {
	}

}
