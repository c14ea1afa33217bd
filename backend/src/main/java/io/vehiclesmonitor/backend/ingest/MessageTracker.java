package io.vehiclesmonitor.backend.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.PingProcessor.PingResult;

/**
 * Follows the pings of one message through the batches they landed in, and decides how
 * the message is settled once the last of them is done: acknowledged only when every ping
 * was applied; requeued when any batch failed; dead-lettered when any VIN is not
 * registered (the others were applied, and applying them again is harmless: STALE).
 */
final class MessageTracker {

	private final PingSource.SourcedMessage message;

	private final Instant oldest;

	private final List<String> unknownVins = new ArrayList<>();

	private int remaining;

	private boolean failed;

	MessageTracker(PingSource.SourcedMessage message, int pings, Instant oldest) {
		this.message = message;
		this.remaining = pings;
		this.oldest = oldest;
	}

	PingSource.SourcedMessage message() {
		return this.message;
	}

	/** Receive time of the message's oldest ping. */
	Instant oldest() {
		return this.oldest;
	}

	/** Records one ping's result; true when it was the message's last one. */
	synchronized boolean completed(Ping ping, PingResult result) {
		if (result == PingResult.UNKNOWN_VEHICLE && !this.unknownVins.contains(ping.vin())) {
			this.unknownVins.add(ping.vin());
		}
		return --this.remaining == 0;
	}

	/** Records that one ping's batch failed to apply; true when it was the last one. */
	synchronized boolean failed() {
		this.failed = true;
		return --this.remaining == 0;
	}

	synchronized Outcome outcome() {
		if (this.failed) {
			return Outcome.REQUEUE;
		}
		return this.unknownVins.isEmpty() ? Outcome.ACK : Outcome.UNKNOWN_VEHICLE;
	}

	synchronized Rejection unknownVehicle() {
		return new Rejection(RejectReason.UNKNOWN_VEHICLE, "not registered: " + String.join(", ", this.unknownVins));
	}

	enum Outcome {

		ACK, REQUEUE, UNKNOWN_VEHICLE

	}

}
