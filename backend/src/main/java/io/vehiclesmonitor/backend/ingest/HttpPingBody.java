package io.vehiclesmonitor.backend.ingest;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Rules for the optional body of an HTTP ping: none at all, or a JSON object that may
 * repeat the path's VIN ({@code {}} or {@code {"vin":"<same>"}}). Other fields are
 * ignored for forward compatibility, except {@code "at"}: over HTTP the receive time is
 * always the server's, and silently ignoring a client's time would mislead it.
 */
final class HttpPingBody {

	private final JsonMapper json;

	HttpPingBody(JsonMapper json) {
		this.json = json;
	}

	void check(String vin, MediaType contentType, byte[] body) {
		if (isBlank(body)) {
			return;
		}
		if (contentType == null || !PingDecoder.isJson(contentType.toString())) {
			throw new PingRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, new Rejection(
					RejectReason.UNSUPPORTED_CONTENT_TYPE, "a ping body must be application/json, was " + contentType));
		}
		JsonNode root = parseObject(body);
		if (root.has("at")) {
			throw badRequest(RejectReason.INVALID_TIMESTAMP,
					"\"at\" is not accepted over HTTP: the server stamps pings");
		}
		if (root.has("vin") && !(root.get("vin").isString() && vin.equals(root.get("vin").stringValue()))) {
			throw badRequest(RejectReason.INVALID_VIN, "the body's \"vin\" differs from the path's " + vin);
		}
	}

	private JsonNode parseObject(byte[] body) {
		JsonNode root;
		try {
			root = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw badRequest(RejectReason.MALFORMED_JSON, "body is not JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw badRequest(RejectReason.MALFORMED_JSON, "body must be a JSON object");
		}
		return root;
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (!Character.isWhitespace(b)) {
				return false;
			}
		}
		return true;
	}

	private static PingRefusedException badRequest(RejectReason reason, String detail) {
		return new PingRefusedException(HttpStatus.BAD_REQUEST, new Rejection(reason, detail));
	}

}
