package io.vehiclesmonitor.simulator.run;

import java.util.concurrent.atomic.AtomicLong;

import io.vehiclesmonitor.simulator.transport.SendReport;

/**
 * Running totals of the simulation, in pings. Thread-safe: send operations finish on
 * whatever thread their transport uses.
 */
public class SendStats {

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong confirmed = new AtomicLong();

	private final AtomicLong nacked = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	/** Pings handed to the transport. */
	void sent(long pings) {
		this.sent.addAndGet(pings);
	}

	/** Pings never handed to the transport because it fell behind the schedule. */
	void dropped(long pings) {
		this.dropped.addAndGet(pings);
	}

	void record(SendReport report) {
		this.confirmed.addAndGet(report.confirmed());
		this.nacked.addAndGet(report.nacked());
		this.failed.addAndGet(report.failed());
	}

	public Snapshot snapshot() {
		long confirmed = this.confirmed.get();
		long nacked = this.nacked.get();
		long failed = this.failed.get();
		return new Snapshot(this.sent.get(), confirmed, nacked, failed, this.dropped.get());
	}

	/**
	 * Totals at one moment.
	 *
	 * @param sent pings handed to the transport
	 * @param confirmed pings the broker confirmed or the backend accepted
	 * @param nacked pings refused (broker nack or HTTP error status)
	 * @param failed pings whose fate is unknown or that could not be sent
	 * @param dropped pings the schedule owed but that were never sent (backpressure)
	 */
	public record Snapshot(long sent, long confirmed, long nacked, long failed, long dropped) {

		/** Sent but not settled yet. */
		public long inFlight() {
			return this.sent - this.confirmed - this.nacked - this.failed;
		}

		String describe() {
			return "sent %d, confirmed %d, nacked %d, failed %d, dropped %d, in flight %d".formatted(this.sent,
					this.confirmed, this.nacked, this.failed, this.dropped, inFlight());
		}

	}

}
