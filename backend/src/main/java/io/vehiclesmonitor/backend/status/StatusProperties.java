package io.vehiclesmonitor.backend.status;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Status engine settings ({@code monitor.status.*}).
 *
 * @param sweepInterval longest pause between two sweeps; the sweeper wakes earlier, at
 * the earliest pending deadline, while ingestion is caught up (a disconnect is stamped
 * with its true deadline anyway)
 * @param sweepBatch most vehicles disconnected by one store call; a sweep repeats calls
 * until nothing is due
 * @param scriptBatch most pings or vehicles per store script call (ping batches,
 * registrations, re-seeding); larger batches are split, so no script holds Redis long
 * @param changeRetention roughly how many recent changes are kept for resuming streams
 */
@ConfigurationProperties("monitor.status")
public record StatusProperties(@DefaultValue("1s") Duration sweepInterval, @DefaultValue("1000") int sweepBatch,
		@DefaultValue("1000") int scriptBatch, @DefaultValue("100000") int changeRetention) {

	public static StatusProperties defaults() {
		return new StatusProperties(Duration.ofSeconds(1), 1000, 1000, 100000);
	}

}
