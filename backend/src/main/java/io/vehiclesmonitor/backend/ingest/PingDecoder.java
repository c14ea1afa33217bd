package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.vehiclesmonitor.backend.status.Ping;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a broker message into pings, or into the reason it is refused (see
 * {@code docs/message-contract.md}). A message is valid or refused as a whole: one bad
 * ping in a gateway batch refuses the batch, so a publisher never has to guess which part
 * was applied. Pure: no I/O, the current time is passed in.
 */
final class PingDecoder {

	private final JsonMapper json;

	private final long maxBytes;

	private final Duration maxClockSkew;

	PingDecoder(JsonMapper json, IngestProperties properties) {
		this.json = json;
		this.maxBytes = properties.maxMessageBytes().toBytes();
		this.maxClockSkew = properties.maxClockSkew();
	}

	Decoded decode(IncomingMessage message, Instant now) {
		try {
			return decodeOrThrow(message, now);
		}
		catch (Refused ex) {
			return new Decoded.Invalid(ex.rejection);
		}
	}

	private Decoded decodeOrThrow(IncomingMessage message, Instant now) {
		if (message.body().length > this.maxBytes) {
			throw refused(RejectReason.OVERSIZED,
					"body of " + message.body().length + " bytes exceeds " + this.maxBytes);
		}
		if (!isJson(message.contentType())) {
			throw refused(RejectReason.UNSUPPORTED_CONTENT_TYPE,
					"content type must be application/json, was " + message.contentType());
		}
		String version = message.headers().get(IncomingMessage.VERSION_HEADER);
		if (version != null && !"1".equals(version.trim())) {
			throw refused(RejectReason.UNSUPPORTED_VERSION,
					"x-vm-version " + version + " is not supported, expected 1");
		}
		Instant stamped = messageTimestamp(message);
		JsonNode root = parse(message.body());
		List<JsonNode> items = pingNodes(root);
		List<Ping> pings = new ArrayList<>(items.size());
		List<ReceiveTime.Kind> kinds = new ArrayList<>(items.size());
		for (JsonNode item : items) {
			String vin = vin(item);
			Instant at = item.has("at") ? at(item.get("at")) : stamped;
			ReceiveTime time = ReceiveTime.resolve(at, now, this.maxClockSkew);
			pings.add(new Ping(vin, time.at()));
			kinds.add(time.kind());
		}
		return new Decoded.Valid(List.copyOf(pings), List.copyOf(kinds));
	}

	static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		return type.equals("application/json");
	}

	private static Instant messageTimestamp(IncomingMessage message) {
		String millis = message.headers().get(IncomingMessage.TIMESTAMP_MS_HEADER);
		if (millis == null) {
			return message.timestamp();
		}
		try {
			return Instant.ofEpochMilli(Long.parseLong(millis.trim()));
		}
		catch (NumberFormatException ex) {
			throw refused(RejectReason.INVALID_TIMESTAMP, "x-vm-timestamp-ms is not epoch milliseconds: " + millis);
		}
	}

	private JsonNode parse(byte[] body) {
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw refused(RejectReason.MALFORMED_JSON, "body is not JSON: " + ex.getOriginalMessage());
		}
	}

	private static List<JsonNode> pingNodes(JsonNode root) {
		if (root == null || !root.isObject()) {
			throw refused(RejectReason.MALFORMED_JSON, "body must be a JSON object");
		}
		if (!root.has("pings")) {
			return List.of(root);
		}
		JsonNode pings = root.get("pings");
		if (root.has("vin") || !pings.isArray() || pings.isEmpty()) {
			throw refused(RejectReason.MALFORMED_JSON,
					"\"pings\" must be a non-empty array, without a top-level \"vin\"");
		}
		List<JsonNode> items = new ArrayList<>(pings.size());
		for (JsonNode item : pings) {
			if (!item.isObject()) {
				throw refused(RejectReason.MALFORMED_JSON, "every element of \"pings\" must be an object");
			}
			items.add(item);
		}
		return items;
	}

	private static String vin(JsonNode ping) {
		JsonNode vin = ping.get("vin");
		if (vin == null || vin.isNull()) {
			throw refused(RejectReason.MISSING_VIN, "\"vin\" is missing");
		}
		if (!vin.isString() || !Vins.isValid(vin.stringValue())) {
			throw refused(RejectReason.INVALID_VIN, "not an ISO 3779 VIN: " + abbreviate(vin.toString()));
		}
		return vin.stringValue();
	}

	private static Instant at(JsonNode at) {
		try {
			if (at.isString()) {
				return Instant.parse(at.stringValue());
			}
		}
		catch (DateTimeParseException ex) {
			// refused below
		}
		throw refused(RejectReason.INVALID_TIMESTAMP,
				"\"at\" must be an ISO-8601 instant: " + abbreviate(at.toString()));
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
	}

	private static Refused refused(RejectReason reason, String detail) {
		return new Refused(new Rejection(reason, detail));
	}

	/** Unwinds decoding at the first problem; never escapes this class. */
	private static final class Refused extends RuntimeException {

		private final transient Rejection rejection;

		Refused(Rejection rejection) {
			super(rejection.detail(), null, false, false);
			this.rejection = rejection;
		}

	}

}
