package io.vehiclesmonitor.backend.fleet;

/**
 * One row of a bulk import as the client sent it, not yet validated.
 *
 * @param row 1-based row number: the CSV line number (the header is line 1) or the
 * position in the JSON array
 * @param vin the VIN
 * @param regNr the registration number
 * @param customerId the owner's id, as text
 * @param unreadable why the row could not be split into fields, {@code null} if it could
 */
record ImportRow(long row, String vin, String regNr, String customerId, String unreadable) {

	ImportRow(long row, String vin, String regNr, String customerId) {
		this(row, vin, regNr, customerId, null);
	}

	static ImportRow unreadable(long row, String reason) {
		return new ImportRow(row, null, null, null, reason);
	}

}
