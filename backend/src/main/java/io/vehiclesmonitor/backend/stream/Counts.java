package io.vehiclesmonitor.backend.stream;

import java.util.List;

/**
 * Data of a {@code counts} event: totals and per customer, within the client's customer
 * filter.
 */
record Counts(long connected, long disconnected, List<PerCustomer> customers) {

	record PerCustomer(long id, String name, long connected, long disconnected) {
	}

}
