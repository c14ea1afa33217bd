package io.vehiclesmonitor.backend.stream;

import io.vehiclesmonitor.backend.status.Status;

/**
 * What one client shows: a customer (or all) and a status (or both). The status filter
 * narrows the snapshot only; changes of every status within the customer filter are sent,
 * because a change to the other status is how a vehicle leaves the client's view.
 */
record StreamFilter(Long customer, Status status) {

	static final StreamFilter ALL = new StreamFilter(null, null);

	boolean shows(Status status) {
		return this.status == null || this.status == status;
	}

	boolean covers(ChangeBatch.Item item) {
		return this.customer == null || this.customer.equals(item.customerId());
	}

}
