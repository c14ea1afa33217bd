package io.vehiclesmonitor.backend.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * A message as a ping source received it, before any validation; independent of the
 * transport so the same decoding serves the broker and in-memory sources.
 *
 * @param body the raw body
 * @param contentType the declared content type, {@code null} if none
 * @param headers application headers as text ({@code x-vm-version},
 * {@code x-vm-timestamp-ms}, ...)
 * @param timestamp the transport's own timestamp (the AMQP timestamp property, seconds
 * precision), {@code null} if none
 */
public record IncomingMessage(byte[] body, String contentType, Map<String, String> headers, Instant timestamp) {

	/** Header carrying the contract version. */
	public static final String VERSION_HEADER = "x-vm-version";

	/** Header carrying the trusted publisher's receive time in epoch milliseconds. */
	public static final String TIMESTAMP_MS_HEADER = "x-vm-timestamp-ms";

}
