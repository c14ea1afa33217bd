package io.vehiclesmonitor.backend.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Disconnects overdue vehicles every {@code monitor.status.sweep-interval}. A sweep never
 * overlaps the previous one (ticks arriving meanwhile are dropped), never looks beyond
 * the ingestion watermark (our own backlog must not blame vehicles), and a failed sweep
 * is logged and counted while the schedule goes on.
 */
@Component
class StatusSweeper implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(StatusSweeper.class);

	private final StatusStore store;

	private final IngestProgress progress;

	private final Clock clock;

	private final Duration interval;

	private final StatusMetrics metrics;

	private volatile Disposable schedule;

	StatusSweeper(StatusStore store, IngestProgress progress, Clock clock, StatusProperties properties,
			StatusMetrics metrics) {
		this.store = store;
		this.progress = progress;
		this.clock = clock;
		this.interval = properties.sweepInterval();
		this.metrics = metrics;
		Gauge.builder("vm.status.watermark.age", this, StatusSweeper::watermarkAgeSeconds)
			.description("Seconds the ingestion watermark lags behind the clock")
			.baseUnit("seconds")
			.register(metrics.registry());
	}

	/**
	 * One sweep up to {@code min(now, watermark)}; completes with the disconnect count.
	 */
	Mono<Integer> sweepOnce() {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			Instant watermark = this.progress.watermark();
			Timer.Sample sample = Timer.start();
			return this.store.sweep(watermark.isBefore(now) ? watermark : now)
				.doFinally((signal) -> sample.stop(this.metrics.sweepDuration()));
		}).onErrorResume((ex) -> {
			logger.warn("Sweep failed, retrying at the next tick: " + ex);
			this.metrics.error("sweep");
			return Mono.just(0);
		});
	}

	private double watermarkAgeSeconds() {
		return Math.max(0, Duration.between(this.progress.watermark(), this.clock.instant()).toMillis() / 1000.0);
	}

	@Override
	public void start() {
		this.schedule = Flux.interval(this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> sweepOnce(), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.schedule;
		if (current != null) {
			current.dispose();
		}
		this.schedule = null;
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

}
