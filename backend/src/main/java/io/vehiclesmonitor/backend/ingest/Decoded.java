package io.vehiclesmonitor.backend.ingest;

import java.util.List;

import io.vehiclesmonitor.backend.status.Ping;

/**
 * Outcome of decoding one message: all its pings, or why the whole message is refused.
 */
sealed interface Decoded {

	/**
	 * A valid message.
	 *
	 * @param pings its pings, at least one, in message order
	 * @param times how each ping's receive time was derived, same order
	 */
	record Valid(List<Ping> pings, List<ReceiveTime.Kind> times) implements Decoded {
	}

	/**
	 * A refused message.
	 *
	 * @param rejection the reason
	 */
	record Invalid(Rejection rejection) implements Decoded {
	}

}
