package io.vehiclesmonitor.backend.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.vehiclesmonitor.backend.status.IngestProgress;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * The ingest progress the sweep uses in the distributed run: the minimum over every live
 * replica's local watermark, so pings a stalled replica holds unacknowledged hold back
 * the sweeps of all replicas. Every {@code monitor.ingest.watermark-interval} it
 * publishes the local watermark to the hash {@code P:{0}:watermarks} (field = a random id
 * of this process), reads the others' entries and removes the stale ones;
 * {@link #watermark()} only reads what the last poll cached, so a sweep costs no Redis
 * call. If Redis is unreachable the last entries read keep counting until they go stale,
 * then the local watermark alone applies.
 * <p>
 * A replica whose own watermark has been behind for longer than the TTL (typically: cut
 * off from the broker) withdraws its entry instead: by then the broker has redelivered
 * whatever it held to the others, and a backlog in the queue holds every replica's own
 * watermark back anyway. Without that, one replica cut off from the broker would stop
 * every disconnect in the cluster for as long as its outage lasts.
 */
final class ClusterIngestProgress implements IngestProgress, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClusterIngestProgress.class);

	private static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(2);

	private final IngestProgress local;

	private final RedisReactiveCommands<String, String> commands;

	private final String key;

	private final String replica = UUID.randomUUID().toString();

	private final ClusterWatermark cluster;

	private final Duration pollInterval;

	private final Duration ttl;

	private final Clock clock;

	private volatile List<ClusterWatermark.Entry> others = List.of();

	private volatile Disposable polling;

	ClusterIngestProgress(IngestProgress local, RedisReactiveCommands<String, String> commands, String key,
			IngestProperties properties, Clock clock) {
		this.local = local;
		this.commands = commands;
		this.key = key;
		this.cluster = new ClusterWatermark(properties.replicaTtl());
		this.pollInterval = properties.watermarkInterval();
		this.ttl = properties.replicaTtl();
		this.clock = clock;
	}

	/** The hash holding every replica's watermark, next to the status keys of shard 0. */
	static String key(String keyPrefix) {
		return keyPrefix + ":{0}:watermarks";
	}

	@Override
	public Instant watermark() {
		return this.cluster.at(this.local.watermark(), this.others, this.clock.instant());
	}

	String replica() {
		return this.replica;
	}

	/**
	 * One poll: publish ours (or withdraw it), read the others', remove the stale ones.
	 */
	Mono<Void> publish() {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			Instant local = this.local.watermark();
			Mono<?> write = local.isBefore(now.minus(this.ttl)) ? this.commands.hdel(this.key, this.replica)
					: this.commands.hset(this.key, this.replica, ClusterWatermark.encode(local, now));
			return write.thenMany(this.commands.hgetall(this.key))
				.collectMap(KeyValue::getKey, KeyValue::getValue)
				.flatMap((entries) -> {
					ClusterWatermark.Reading reading = this.cluster.read(entries, this.replica, now);
					this.others = reading.others();
					// A replica coming back right now may lose its fresh entry here; it
					// was gone for a whole TTL, so its pings were redelivered already,
					// and its next poll writes it again.
					return reading.stale().isEmpty() ? Mono.empty()
							: this.commands.hdel(this.key, reading.stale().toArray(String[]::new));
				});
		}).then().onErrorResume((ex) -> {
			logger.debug("Publishing the watermark failed, keeping the last entries read: " + ex);
			return Mono.empty();
		});
	}

	@Override
	public void start() {
		this.polling = Flux.interval(Duration.ZERO, this.pollInterval)
			.onBackpressureDrop()
			.concatMap((tick) -> publish(), 1)
			.subscribe();
	}

	@Override
	public void stop(Runnable callback) {
		stop();
		// Orderly leave, so the others need not wait a TTL for this entry to go stale.
		this.commands.hdel(this.key, this.replica)
			.timeout(REMOVE_TIMEOUT)
			.onErrorResume((ex) -> Mono.empty())
			.doFinally((signal) -> callback.run())
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.polling;
		if (current != null) {
			current.dispose();
		}
		this.polling = null;
	}

	@Override
	public boolean isRunning() {
		return this.polling != null;
	}

	/**
	 * Stops after the consumer (which releases the pings it holds) and the sweep, starts
	 * before them.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

}
