package io.vehiclesmonitor.backend.status.memory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.vehiclesmonitor.backend.status.ChangeBus;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.Transition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Same-JVM change bus of the standalone run: ids are consecutive, the newest
 * {@code monitor.status.change-retention} changes are kept for resuming. The live stream
 * cannot hold back the store, so a subscriber without demand misses changes (it should
 * buffer, and can resume with {@link #changesAfter(long)}).
 */
@Component
@ConditionalOnProperty(name = "monitor.mode", havingValue = "standalone", matchIfMissing = true)
public class InMemoryChangeBus implements ChangeBus {

	private final Sinks.Many<StatusChange> sink = Sinks.many().multicast().directBestEffort();

	private final Deque<StatusChange> retained = new ArrayDeque<>();

	private final int retention;

	private final long firstId;

	private long lastId;

	/**
	 * Ids start at the start-up time in the shape of the Redis ones ({@code ms << 20}),
	 * so they keep growing across restarts and stay unique in the change history.
	 */
	public InMemoryChangeBus(StatusProperties properties, Clock clock) {
		this.retention = Math.max(1, properties.changeRetention());
		this.firstId = clock.millis() << 20;
		this.lastId = this.firstId;
	}

	/** Gives the change the next id, retains and emits it. */
	synchronized StatusChange publish(String vin, Transition transition) {
		StatusChange change = transition.withId(++this.lastId, vin);
		this.retained.addLast(change);
		if (this.retained.size() > this.retention) {
			this.retained.removeFirst();
		}
		this.sink.tryEmitNext(change);
		return change;
	}

	@Override
	public Flux<StatusChange> changes() {
		return this.sink.asFlux();
	}

	@Override
	public Flux<StatusChange> changesAfter(long id) {
		return Flux.defer(() -> Flux.fromIterable(retainedAfter(id)));
	}

	private synchronized List<StatusChange> retainedAfter(long id) {
		StatusChange oldest = this.retained.peekFirst();
		if (oldest == null || id < oldest.id() - 1) {
			return List.of();
		}
		List<StatusChange> after = new ArrayList<>();
		for (StatusChange change : this.retained) {
			if (change.id() > id) {
				after.add(change);
			}
		}
		return after;
	}

	@Override
	public Mono<Long> lastId() {
		return Mono.fromSupplier(this::currentId);
	}

	private synchronized long currentId() {
		return (this.lastId != this.firstId) ? this.lastId : 0;
	}

	/** Every retained change, oldest first. */
	synchronized List<StatusChange> retained() {
		return List.copyOf(this.retained);
	}

}
