package io.vehiclesmonitor.backend.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the live stream ({@code monitor.stream.*}).
 *
 * @param heartbeat how often an idle stream sends a comment line, so proxies keep it open
 * and dead clients are detected on the next write
 * @param batchWindow how long changes are collected into one {@code changes} event
 * @param batchSize most changes in one {@code changes} event (a full batch is sent at
 * once)
 * @param clientBuffer most batches queued for one slow client; beyond that the client
 * gets a {@code resync} event and must reconnect for a fresh snapshot
 * @param snapshotChunk vehicles per {@code snapshot} event (and per live-status lookup)
 */
@ConfigurationProperties("monitor.stream")
public record StreamProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("20ms") Duration batchWindow,
		@DefaultValue("1000") int batchSize, @DefaultValue("256") int clientBuffer,
		@DefaultValue("1000") int snapshotChunk) {

	public StreamProperties {
		if (heartbeat.isNegative() || heartbeat.isZero() || batchWindow.isNegative() || batchWindow.isZero()) {
			throw new IllegalArgumentException("heartbeat and batch-window must be positive");
		}
		if (batchSize < 1 || clientBuffer < 1 || snapshotChunk < 1) {
			throw new IllegalArgumentException("batch-size, client-buffer and snapshot-chunk must be positive");
		}
	}

}
