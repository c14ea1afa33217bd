package io.vehiclesmonitor.simulator.run;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Logs a progress line (rate since the last line and the totals) every interval while a
 * simulation runs, and a summary when it completes.
 */
final class Progress {

	private static final Log logger = LogFactory.getLog(Progress.class);

	private final SendStats stats;

	private final Duration every;

	Progress(SendStats stats, Duration every) {
		this.stats = stats;
		this.every = every;
	}

	Mono<Void> around(Mono<Void> simulation) {
		return Mono.defer(() -> {
			long started = now();
			long[] last = { started, 0 };
			Flux<Report> lines = Flux.interval(this.every).onBackpressureDrop().map((tick) -> {
				SendStats.Snapshot totals = this.stats.snapshot();
				long at = now();
				double rate = (totals.sent() - last[1]) * 1e9 / Math.max(1, at - last[0]);
				last[0] = at;
				last[1] = totals.sent();
				return new Report("Progress: %.0f pings/s, %s".formatted(rate, totals.describe()), false);
			});
			Mono<Report> summary = simulation.then(Mono.fromSupplier(() -> {
				SendStats.Snapshot totals = this.stats.snapshot();
				double seconds = (now() - started) / 1e9;
				return new Report("Summary: %.1f s, %.0f pings/s, %s".formatted(seconds,
						totals.sent() / Math.max(seconds, 1e-9), totals.describe()), true);
			}));
			return Flux.merge(lines, summary)
				.takeUntil(Report::last)
				.doOnNext((report) -> logger.info(report.line()))
				.then();
		});
	}

	/** Reactor's clock, so progress follows virtual time in tests. */
	private static long now() {
		return Schedulers.parallel().now(TimeUnit.NANOSECONDS);
	}

	private record Report(String line, boolean last) {
	}

}
