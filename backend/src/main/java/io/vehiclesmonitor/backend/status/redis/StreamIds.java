package io.vehiclesmonitor.backend.status.redis;

/**
 * Change ids are Redis stream ids packed into a long: {@code ms << 20 | seq}. They grow
 * with the stream by construction, need no extra counter key, and map back to a stream id
 * for XRANGE. 20 bits of sequence allow a million changes within one millisecond, far
 * beyond what one Redis can append.
 */
final class StreamIds {

	private static final int SEQUENCE_BITS = 20;

	private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

	private StreamIds() {
	}

	static long toLong(String streamId) {
		int dash = streamId.indexOf('-');
		long millis = Long.parseLong(streamId.substring(0, dash));
		long sequence = Long.parseLong(streamId.substring(dash + 1));
		if (sequence > SEQUENCE_MASK) {
			throw new IllegalArgumentException("Stream id sequence too large: " + streamId);
		}
		return (millis << SEQUENCE_BITS) | sequence;
	}

	static String toStreamId(long id) {
		return (id >>> SEQUENCE_BITS) + "-" + (id & SEQUENCE_MASK);
	}

}
