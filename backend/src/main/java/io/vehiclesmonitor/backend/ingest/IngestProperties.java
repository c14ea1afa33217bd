package io.vehiclesmonitor.backend.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ingestion settings ({@code monitor.ingest.*}).
 *
 * @param prefetch unacknowledged deliveries the broker may push to the consumer at once
 * @param maxBatch most pings handed to the status engine in one call
 * @param maxWait longest a ping waits for its batch to fill up
 * @param concurrency batches applied at the same time
 * @param maxMessageBytes largest accepted message body (AMQP body or HTTP request body)
 * @param maxClockSkew how far in the future a publisher's timestamp may be before it is
 * clamped to our clock
 * @param backlogThreshold queue depth above which ingestion counts as behind and the
 * watermark freezes
 * @param backlogPollInterval how often the queue depth is polled
 * @param retryBackoff first delay before a batch that failed to apply is requeued;
 * doubled on every consecutive failure
 * @param retryBackoffMax longest such delay, also the longest pause between reconnect
 * attempts of the consumer
 * @param applyTimeout longest wait for the status engine to apply one batch; a batch
 * taking longer counts as failed and is requeued
 * @param httpQueueCapacity HTTP pings waiting for the pipeline at most; a ping arriving
 * when the queue is full is answered 503 at once
 * @param httpTimeout longest an HTTP request waits for its ping to be applied before it
 * is answered 503 (the ping stays queued and is still applied)
 * @param replicaTtl how long a replica's published watermark keeps holding back the
 * others' sweeps after its last write; keep it above the broker's detection of a dead
 * consumer (about twice {@code monitor.rabbitmq.heartbeat}), so a dead replica's
 * unacknowledged pings are redelivered before it stops counting; a replica whose own
 * watermark has been behind for longer withdraws its entry for the same reason
 * @param watermarkInterval how often each replica publishes its watermark and reads the
 * others' (distributed run): the cluster watermark lags the slowest replica by about this
 * much
 * @param transitAllowance how long a ping may take from its trusted edge (its receive
 * time) to this replica's consumer; the watermark stays this far behind the clock so a
 * ping still on its way is not overtaken by a sweep
 */
@ConfigurationProperties("monitor.ingest")
public record IngestProperties(@DefaultValue("500") int prefetch, @DefaultValue("200") int maxBatch,
		@DefaultValue("5ms") Duration maxWait, @DefaultValue("4") int concurrency,
		@DefaultValue("64KB") DataSize maxMessageBytes, @DefaultValue("5s") Duration maxClockSkew,
		@DefaultValue("1000") long backlogThreshold, @DefaultValue("1s") Duration backlogPollInterval,
		@DefaultValue("100ms") Duration retryBackoff, @DefaultValue("5s") Duration retryBackoffMax,
		@DefaultValue("10s") Duration applyTimeout, @DefaultValue("1000") int httpQueueCapacity,
		@DefaultValue("5s") Duration httpTimeout, @DefaultValue("30s") Duration replicaTtl,
		@DefaultValue("100ms") Duration watermarkInterval, @DefaultValue("100ms") Duration transitAllowance) {

	/**
	 * Settings as in the defaults, for tests and tools that build the pipeline by hand.
	 */
	public static IngestProperties defaults() {
		return new IngestProperties(500, 200, Duration.ofMillis(20), 4, DataSize.ofKilobytes(64), Duration.ofSeconds(5),
				1000, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10),
				1000, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMillis(100));
	}

}
