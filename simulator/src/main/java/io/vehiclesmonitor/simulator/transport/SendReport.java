package io.vehiclesmonitor.simulator.transport;

/**
 * The fate of the pings of one send operation, counted in pings (not messages).
 *
 * @param confirmed accepted by the broker (publisher confirm) or the backend (202)
 * @param nacked refused by the broker (nack) or the backend (an error status)
 * @param failed never confirmed: no connection, a closed channel, a timeout
 */
public record SendReport(long confirmed, long nacked, long failed) {

	public static final SendReport NONE = new SendReport(0, 0, 0);

	public static SendReport confirmed(long pings) {
		return new SendReport(pings, 0, 0);
	}

	public static SendReport nacked(long pings) {
		return new SendReport(0, pings, 0);
	}

	public static SendReport failed(long pings) {
		return new SendReport(0, 0, pings);
	}

	public SendReport plus(SendReport other) {
		return new SendReport(this.confirmed + other.confirmed, this.nacked + other.nacked, this.failed + other.failed);
	}

	public long total() {
		return this.confirmed + this.nacked + this.failed;
	}

}
