package io.vehiclesmonitor.backend.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Disconnects overdue vehicles as their deadlines pass. After each sweep it sleeps until
 * the store's earliest pending deadline, but never longer than
 * {@code monitor.status.sweep-interval} and never less than {@link #MIN_PAUSE}, so a
 * burst of due vehicles is swept in batches. A sweep never overlaps the previous one (the
 * next is only scheduled once it ended), never looks beyond the ingestion watermark (our
 * own backlog must not blame vehicles), and a failed sweep is logged and counted while
 * the schedule goes on.
 * <p>
 * Nothing wakes the sweeper between two sweeps, and nothing needs to: a ping only moves a
 * vehicle's deadline later, and a newly connected vehicle's deadline is at least one
 * timeout ahead, so the wake-up already planned (at most one interval ahead) is early
 * enough. Only a registry change shortening a timeout can move a deadline earlier; that
 * disconnect is at most one interval late, as before. Several replicas waking at the same
 * deadline are safe: the store's sweep is atomic, the later ones find nothing due.
 */
@Component
class StatusSweeper implements SmartLifecycle {

	/** Shortest pause between sweeps, so vehicles due close together share one sweep. */
	static final Duration MIN_PAUSE = Duration.ofMillis(20);

	private static final Log logger = LogFactory.getLog(StatusSweeper.class);

	private final StatusStore store;

	private final IngestProgress progress;

	private final Clock clock;

	private final Duration interval;

	private final StatusMetrics metrics;

	private final Scheduler scheduler;

	private volatile Disposable schedule;

	@Autowired
	StatusSweeper(StatusStore store, IngestProgress progress, Clock clock, StatusProperties properties,
			StatusMetrics metrics) {
		this(store, progress, clock, properties, metrics, Schedulers.parallel());
	}

	/** With the scheduler that times the pauses; its time must follow {@code clock}. */
	StatusSweeper(StatusStore store, IngestProgress progress, Clock clock, StatusProperties properties,
			StatusMetrics metrics, Scheduler scheduler) {
		this.store = store;
		this.progress = progress;
		this.clock = clock;
		this.interval = properties.sweepInterval();
		this.metrics = metrics;
		this.scheduler = scheduler;
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

	/**
	 * How long to sleep before the next sweep: until the watermark passes the earliest
	 * deadline, within {@code [MIN_PAUSE, interval]}. The watermark normally follows the
	 * clock a little behind (pings in transit, the other replicas' last report), so the
	 * deadline is due that much later. A watermark further behind than one interval is
	 * held by a backlog or an outage and nobody knows when it moves on, so the regular
	 * interval applies.
	 */
	Mono<Duration> nextPause() {
		return Mono.defer(this.store::nextDeadline).map((deadline) -> {
			Instant now = this.clock.instant();
			Duration lag = Duration.between(this.progress.watermark(), now);
			if (lag.compareTo(this.interval) > 0) {
				return this.interval;
			}
			// one ms more: the scheduler's timer and the clock may disagree by a little,
			// and waking a hair early would find the deadline not yet due
			Duration untilDue = Duration.between(now, deadline)
				.plus(lag.isNegative() ? Duration.ZERO : lag)
				.plusMillis(1);
			Duration pause = (untilDue.compareTo(MIN_PAUSE) < 0) ? MIN_PAUSE : untilDue;
			return (pause.compareTo(this.interval) < 0) ? pause : this.interval;
		}).defaultIfEmpty(this.interval).onErrorResume((ex) -> {
			logger.debug("Could not read the next deadline, sweeping after the interval: " + ex);
			return Mono.just(this.interval);
		});
	}

	private double watermarkAgeSeconds() {
		return Math.max(0, Duration.between(this.progress.watermark(), this.clock.instant()).toMillis() / 1000.0);
	}

	@Override
	public void start() {
		Mono<Long> round = sweepOnce().then(nextPause()).flatMap((pause) -> Mono.delay(pause, this.scheduler));
		this.schedule = Mono.delay(this.interval, this.scheduler).thenMany(round.repeat()).subscribe();
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
