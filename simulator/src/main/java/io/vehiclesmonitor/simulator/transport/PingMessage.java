package io.vehiclesmonitor.simulator.transport;

import java.util.List;

/**
 * One message on the wire: a single ping or a batch of pings.
 *
 * @param vins the VINs that ping (at least one)
 */
public record PingMessage(List<String> vins) {

	public PingMessage {
		if (vins.isEmpty()) {
			throw new IllegalArgumentException("A message carries at least one ping");
		}
		vins = List.copyOf(vins);
	}

	/**
	 * Split a group of pings into messages of at most {@code batchSize} pings.
	 * @param vins the group
	 * @param batchSize pings per message
	 * @return the messages
	 */
	public static List<PingMessage> split(List<String> vins, int batchSize) {
		int size = Math.max(1, batchSize);
		int count = (vins.size() + size - 1) / size;
		return java.util.stream.IntStream.range(0, count)
			.mapToObj((i) -> new PingMessage(vins.subList(i * size, Math.min(vins.size(), (i + 1) * size))))
			.toList();
	}

	public int size() {
		return this.vins.size();
	}

}
