package io.vehiclesmonitor.backend.stream;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.vehiclesmonitor.backend.status.ChangeBus;
import io.vehiclesmonitor.backend.status.LiveStatus;
import io.vehiclesmonitor.backend.status.VehicleState;
import io.vehiclesmonitor.backend.stream.VehicleCatalog.CatalogVehicle;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;

/**
 * The event stream of one client: a snapshot (or a replay when resuming), then every
 * later change exactly once, in id order, with counts and heartbeats in between.
 * <p>
 * Order of reads: subscribe to live batches first, then read the newest change id, then
 * the states. Every change after that id is then either in the live buffer or, if the
 * race lost it, in the bus's retained changes, which are read right after the snapshot;
 * ids at or below the client's cursor are dropped, so nothing is sent twice.
 */
@Component
class VehicleStream {

	private final ChangeFeed feed;

	private final ChangeBus bus;

	private final LiveStatus liveStatus;

	private final VehicleCatalog catalog;

	private final StreamProperties properties;

	private final Counter overflows;

	VehicleStream(ChangeFeed feed, ChangeBus bus, LiveStatus liveStatus, VehicleCatalog catalog,
			StreamProperties properties, MeterRegistry meters) {
		this.feed = feed;
		this.bus = bus;
		this.liveStatus = liveStatus;
		this.catalog = catalog;
		this.properties = properties;
		this.overflows = Counter.builder("monitor.stream.overflows")
			.description("Clients sent a resync because they read too slowly")
			.register(meters);
	}

	/**
	 * Events for a client; {@code lastEventId} is the id of the last event it received
	 * before reconnecting, or {@code null}.
	 */
	Flux<ServerSentEvent<Object>> events(StreamFilter filter, Long lastEventId) {
		return Flux.defer(() -> {
			ClientSession session = new ClientSession(filter, this.feed::counts);
			if (this.feed.stopped()) {
				// Shutting down: send the client elsewhere at once. A stream started now
				// would only send heartbeats and hold up the graceful shutdown.
				return Flux.<Step>just(new Step.Resync("upstream")).concatMapIterable(session::render);
			}
			Sinks.Empty<Void> liveSubscribed = Sinks.empty();
			Flux<Step> live = this.feed.batches()
				.onBackpressureBuffer(this.properties.clientBuffer())
				.doOnSubscribe((s) -> liveSubscribed.tryEmitEmpty())
				.<Step>map(Step.Live::new)
				// The feed ends only when the replica shuts down: so does this stream.
				.concatWith(Mono.fromSupplier(() -> new Step.Resync("upstream")));
			Flux<Step> start = liveSubscribed.asMono()
				.then(Mono.defer(this.bus::lastId))
				.flatMapMany((newest) -> start(filter, lastEventId, newest));
			Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(this.properties.heartbeat())
				.onBackpressureDrop()
				.map((tick) -> ServerSentEvent.builder().comment("heartbeat").build());
			// A full buffer (live, or a long replay) ends this client's stream with a
			// resync.
			return Flux.<Step>mergeSequential(start, live).onErrorResume(Exceptions::isOverflow, (ex) -> {
				this.overflows.increment();
				return Mono.just(new Step.Resync("overflow"));
			})
				.concatMapIterable(session::render)
				.mergeWith(heartbeats)
				.takeUntil((event) -> ClientSession.RESYNC.equals(event.event()));
		});
	}

	private Flux<Step> start(StreamFilter filter, Long lastEventId, long newest) {
		if (lastEventId != null && lastEventId == newest) {
			return Flux.just(new Step.Resume(lastEventId));
		}
		if (lastEventId != null && lastEventId < newest) {
			Flux<Step> replay = this.feed.batch(this.bus.changesAfter(lastEventId)).map(Step.Live::new);
			return replay.switchOnFirst((first, all) -> first.hasValue()
					? Flux.<Step>just(new Step.Resume(lastEventId)).concatWith(all) : snapshot(filter, newest));
		}
		return snapshot(filter, newest);
	}

	private Flux<Step> snapshot(StreamFilter filter, long changeId) {
		Flux<Step> parts = this.catalog.vehicles(filter.customer())
			.buffer(this.properties.snapshotChunk())
			.concatMap((chunk) -> rows(chunk, filter))
			.filter((rows) -> !rows.isEmpty())
			.map((rows) -> new Step.Part(changeId, rows));
		Flux<Step> gap = this.feed.batch(this.bus.changesAfter(changeId)).map(Step.Live::new);
		return parts.concatWith(Mono.just(new Step.SnapshotEnd(changeId))).concatWith(gap);
	}

	private Mono<List<Payloads.Vehicle>> rows(List<CatalogVehicle> chunk, StreamFilter filter) {
		return this.liveStatus.states(chunk.stream().map(CatalogVehicle::vin).toList())
			.map((states) -> chunk.stream()
				.map((v) -> Payloads.Vehicle.of(v, states.getOrDefault(v.vin(), VehicleState.neverSeen(v.vin()))))
				.filter((row) -> filter.shows(row.status()))
				.toList());
	}

}
