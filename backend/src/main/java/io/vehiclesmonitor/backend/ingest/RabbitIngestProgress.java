package io.vehiclesmonitor.backend.ingest;

import java.time.Clock;
import java.time.Instant;

import io.vehiclesmonitor.backend.ingest.amqp.RabbitPingSource;
import io.vehiclesmonitor.backend.status.IngestProgress;
import io.vehiclesmonitor.backend.system.RabbitMqConnection;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Distributed ingest progress of this replica: polls the ping queue's depth (a passive
 * declare) every {@code monitor.ingest.backlog-poll-interval} and feeds the
 * {@link Watermark}. A poll that fails counts as behind, one that hangs lets the
 * observations go stale; either way the watermark freezes, as it does at once on a lost
 * connection. The watermark also stays {@code monitor.ingest.transit-allowance} behind
 * the clock (pings on their way from the edge) and before the oldest ping this replica
 * holds ({@link PingsInFlight}: the queue depth does not count delivered messages).
 */
final class RabbitIngestProgress implements IngestProgress, SmartLifecycle {

	private final RabbitPingSource source;

	private final RabbitMqConnection connection;

	private final IngestProperties properties;

	private final Clock clock;

	private final Watermark watermark;

	private final PingsInFlight inFlight;

	private volatile Disposable polling;

	RabbitIngestProgress(RabbitPingSource source, RabbitMqConnection connection, IngestProperties properties,
			Clock clock, PingsInFlight inFlight) {
		this.inFlight = inFlight;
		this.source = source;
		this.connection = connection;
		this.properties = properties;
		this.clock = clock;
		this.watermark = new Watermark(clock.instant(), properties.backlogPollInterval().multipliedBy(3));
	}

	@Override
	public Instant watermark() {
		Instant observed = this.watermark.at(this.clock.instant(), this.connection.isConnected());
		return this.inFlight.bound(observed.minus(this.properties.transitAllowance()));
	}

	@Override
	public void start() {
		this.polling = Flux.interval(this.properties.backlogPollInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> poll(), 1)
			.subscribe();
	}

	private Mono<Void> poll() {
		return this.source.queueDepth().timeout(this.properties.backlogPollInterval()).doOnNext((depth) -> {
			Instant now = this.clock.instant();
			if (depth <= this.properties.backlogThreshold() && this.connection.isConnected()) {
				this.watermark.caughtUp(now);
			}
			else {
				this.watermark.behind(now);
			}
		}).onErrorResume((ex) -> {
			this.watermark.behind(this.clock.instant());
			return Mono.empty();
		}).then();
	}

	@Override
	public void stop() {
		Disposable polling = this.polling;
		if (polling != null) {
			polling.dispose();
		}
		this.polling = null;
	}

	@Override
	public boolean isRunning() {
		return this.polling != null;
	}

}
