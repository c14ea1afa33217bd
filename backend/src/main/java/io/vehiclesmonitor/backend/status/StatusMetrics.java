package io.vehiclesmonitor.backend.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Meters of the status engine. Each replica counts the changes it made itself, so the sum
 * over replicas is the number of changes.
 */
@Component
public class StatusMetrics {

	private final MeterRegistry registry;

	private final Counter connected;

	private final Counter disconnected;

	private final DistributionSummary batchSize;

	private final Timer sweepDuration;

	public StatusMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.connected = changes(registry, "connected");
		this.disconnected = changes(registry, "disconnected");
		this.batchSize = DistributionSummary.builder("vm.status.batch.size")
			.description("Pings per batch applied to the live state")
			.register(registry);
		this.sweepDuration = Timer.builder("vm.status.sweep").description("Duration of one sweep").register(registry);
	}

	private static Counter changes(MeterRegistry registry, String direction) {
		return Counter.builder("vm.status.changes")
			.tag("direction", direction)
			.description("Status changes made by this replica")
			.register(registry);
	}

	public void connected(int count) {
		this.connected.increment(count);
	}

	public void disconnected(int count) {
		this.disconnected.increment(count);
	}

	public void batch(int size) {
		this.batchSize.record(size);
	}

	public void error(String operation) {
		this.registry.counter("vm.status.store.errors", "operation", operation).increment();
	}

	public MeterRegistry registry() {
		return this.registry;
	}

	Timer sweepDuration() {
		return this.sweepDuration;
	}

}
