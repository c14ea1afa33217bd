package io.vehiclesmonitor.backend.ingest;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.PingProcessor;
import reactor.core.publisher.Mono;

/**
 * A status engine stand-in for ingest tests: knows a set of registered VINs, records
 * every batch it applied and can be told to fail.
 */
final class RecordingPingProcessor implements PingProcessor {

	private final Set<String> registered = ConcurrentHashMap.newKeySet();

	private final List<List<Ping>> batches = new CopyOnWriteArrayList<>();

	private final AtomicInteger applied = new AtomicInteger();

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private volatile Mono<Void> gate = Mono.empty();

	RecordingPingProcessor register(String... vins) {
		this.registered.addAll(List.of(vins));
		return this;
	}

	/** The next {@code calls} batches fail. */
	void failNext(int calls) {
		this.failuresLeft.set(calls);
	}

	/** Batches wait for the gate before being applied. */
	void holdUntil(Mono<Void> gate) {
		this.gate = gate;
	}

	/** Forgets what was applied, for tests sharing one instance. */
	void clear() {
		this.batches.clear();
		this.applied.set(0);
	}

	List<List<Ping>> batches() {
		return this.batches;
	}

	List<Ping> pings() {
		return this.batches.stream().flatMap(List::stream).toList();
	}

	int applied() {
		return this.applied.get();
	}

	@Override
	public Mono<List<PingResult>> apply(List<Ping> pings) {
		return this.gate.then(Mono.fromCallable(() -> {
			if (this.failuresLeft.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				throw new IllegalStateException("status store unavailable");
			}
			List<PingResult> results = pings.stream()
				.map((ping) -> this.registered.contains(ping.vin()) ? PingResult.APPLIED : PingResult.UNKNOWN_VEHICLE)
				.toList();
			this.batches.add(List.copyOf(pings));
			this.applied.addAndGet(pings.size());
			return results;
		}));
	}

}
