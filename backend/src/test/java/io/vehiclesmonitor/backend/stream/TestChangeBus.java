package io.vehiclesmonitor.backend.stream;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.vehiclesmonitor.backend.status.ChangeBus;
import io.vehiclesmonitor.backend.status.LiveStatus;
import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.VehicleState;

/**
 * TEST ONLY: stands in for the status engine (see {@link StreamTestConfiguration}) as
 * both its {@link ChangeBus} and its {@link LiveStatus}. Changes go to a multicast
 * {@link Sinks.Many}; the newest {@code retention} of them are kept for
 * {@link #changesAfter(long)}, like the real bus's bounded retention.
 */
class TestChangeBus implements ChangeBus, LiveStatus {

	private final Sinks.Many<StatusChange> live = Sinks.many().multicast().directBestEffort();

	private final ArrayDeque<StatusChange> retained = new ArrayDeque<>();

	private final Map<String, VehicleState> states = new ConcurrentHashMap<>();

	private final int retention;

	private long lastId;

	TestChangeBus(int retention) {
		this.retention = retention;
	}

	/** Changes the vehicle's state, then publishes the change, as the engine does. */
	synchronized StatusChange emit(String vin, Status status) {
		Instant now = Instant.now();
		VehicleState old = this.states.getOrDefault(vin, VehicleState.neverSeen(vin));
		Instant lastSeen = (status == Status.CONNECTED) ? now : old.lastSeen();
		this.states.put(vin, new VehicleState(vin, status, lastSeen, now));
		StatusChange change = new StatusChange(++this.lastId, vin, status, now, lastSeen);
		this.retained.addLast(change);
		while (this.retained.size() > this.retention) {
			this.retained.removeFirst();
		}
		this.live.tryEmitNext(change);
		return change;
	}

	/** Drops every retained change, as if they had aged out of the retention. */
	synchronized void forgetRetained() {
		this.retained.clear();
	}

	@Override
	public Flux<StatusChange> changes() {
		return this.live.asFlux();
	}

	@Override
	public Flux<StatusChange> changesAfter(long id) {
		return Flux.defer(() -> Flux.fromIterable(retainedAfter(id)));
	}

	private synchronized List<StatusChange> retainedAfter(long id) {
		if (this.retained.isEmpty() || this.retained.getFirst().id() > id + 1) {
			return List.of();
		}
		return this.retained.stream().filter((c) -> c.id() > id).toList();
	}

	@Override
	public Mono<Long> lastId() {
		return Mono.fromSupplier(this::currentId);
	}

	private synchronized long currentId() {
		return this.lastId;
	}

	@Override
	public Mono<Map<String, VehicleState>> states(Collection<String> vins) {
		return Mono.fromSupplier(() -> vins.stream()
			.distinct()
			.collect(Collectors.toMap(Function.identity(),
					(vin) -> this.states.getOrDefault(vin, VehicleState.neverSeen(vin)))));
	}

}
