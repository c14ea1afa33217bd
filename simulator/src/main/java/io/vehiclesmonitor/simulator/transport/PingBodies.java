package io.vehiclesmonitor.simulator.transport;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * JSON bodies of the ping contract: {@code {"vin":"..."}} for one ping,
 * {@code {"pings":[{"vin":"..."},...]}} for a batch.
 */
public final class PingBodies {

	private static final JsonMapper json = JsonMapper.builder().build();

	private PingBodies() {
	}

	/**
	 * @param message the message
	 * @return its UTF-8 JSON body
	 */
	public static byte[] encode(PingMessage message) {
		if (message.size() == 1) {
			return json.writeValueAsBytes(new Single(message.vins().get(0)));
		}
		return json.writeValueAsBytes(new Batch(message.vins().stream().map(Single::new).toList()));
	}

	record Single(String vin) {
	}

	record Batch(List<Single> pings) {
	}

}
