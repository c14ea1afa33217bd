package io.vehiclesmonitor.backend.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The ingest meters, in one place so their names stay consistent:
 * {@code vm.ingest.pings.accepted{source}},
 * {@code vm.ingest.pings.rejected{source,reason}} (one per refused message or request),
 * {@code vm.ingest.batch.size}, {@code vm.ingest.consumer.lag} (age of the oldest ping of
 * each applied batch), {@code vm.ingest.timestamps.clamped},
 * {@code vm.ingest.timestamps.missing} and {@code vm.ingest.watermark.age}.
 */
final class IngestMetrics {

	static final String AMQP = "amqp";

	static final String HTTP = "http";

	private final MeterRegistry registry;

	private final DistributionSummary batchSize;

	private final Timer lag;

	private final Counter clamped;

	private final Counter missing;

	/** By source: looked up once per batch, so not built anew each time. */
	private final Map<String, Counter> accepted = new ConcurrentHashMap<>();

	IngestMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.batchSize = DistributionSummary.builder("vm.ingest.batch.size")
			.description("Pings per batch handed to the status engine")
			.publishPercentileHistogram()
			.register(registry);
		this.lag = Timer.builder("vm.ingest.consumer.lag")
			.description("Age of the oldest ping of a batch when it is applied")
			.publishPercentileHistogram()
			.register(registry);
		this.clamped = Counter.builder("vm.ingest.timestamps.clamped")
			.description("Ping timestamps too far in the future, replaced by the receive time")
			.register(registry);
		this.missing = Counter.builder("vm.ingest.timestamps.missing")
			.description("Pings without timestamp, stamped with the receive time")
			.register(registry);
	}

	void accepted(String source, int pings) {
		this.accepted
			.computeIfAbsent(source,
					(key) -> Counter.builder("vm.ingest.pings.accepted").tag("source", key).register(this.registry))
			.increment(pings);
	}

	void rejected(String source, RejectReason reason) {
		Counter.builder("vm.ingest.pings.rejected")
			.tag("source", source)
			.tag("reason", reason.code())
			.register(this.registry)
			.increment();
	}

	void receiveTime(ReceiveTime.Kind kind) {
		if (kind == ReceiveTime.Kind.CLAMPED) {
			this.clamped.increment();
		}
		else if (kind == ReceiveTime.Kind.MISSING) {
			this.missing.increment();
		}
	}

	void batch(int size, Instant oldest, Instant now) {
		this.batchSize.record(size);
		Duration age = Duration.between(oldest, now);
		this.lag.record(age.isNegative() ? Duration.ZERO : age);
	}

	/** Publishes how far the watermark lags behind the clock, in seconds. */
	static void watermarkAge(MeterRegistry registry, Supplier<Instant> watermark, Clock clock) {
		Gauge
			.builder("vm.ingest.watermark.age",
					() -> Duration.between(watermark.get(), clock.instant()).toMillis() / 1000.0)
			.description("Seconds the ingest watermark lags behind the clock")
			.baseUnit("seconds")
			.register(registry);
	}

}
