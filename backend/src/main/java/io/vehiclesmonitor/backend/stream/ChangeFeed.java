package io.vehiclesmonitor.backend.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import io.vehiclesmonitor.backend.status.ChangeBus;
import io.vehiclesmonitor.backend.status.LiveStatus;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.VehicleState;
import io.vehiclesmonitor.backend.stream.VehicleCatalog.CatalogVehicle;

import io.vehiclesmonitor.backend.fleet.FleetChanged;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one upstream subscription of this replica to the {@link ChangeBus}: changes are
 * collected into batches, looked up in the catalog once per batch, counted in the
 * {@link FleetTally} and multicast to every connected client. Each client puts its own
 * bounded buffer behind {@link #batches()}, so a slow client never holds up the others.
 * Vehicles registered later (on first start the reference fleet is inserted after the
 * initial load) are added to the tally when the registry announces them.
 */
@Component
class ChangeFeed implements SmartLifecycle, MeterBinder {

	private static final Log logger = LogFactory.getLog(ChangeFeed.class);

	/** Batches the shared stage may queue while a catalog lookup is slow. */
	private static final int FEED_BUFFER = 1024;

	private final ChangeBus bus;

	private final LiveStatus liveStatus;

	private final VehicleCatalog catalog;

	private final StreamProperties properties;

	private final JsonMapper json;

	private final FleetTally tally = new FleetTally();

	private final Sinks.Many<ChangeBatch> sink = Sinks.many().multicast().directBestEffort();

	private final Sinks.Many<List<String>> registered = Sinks.many()
		.multicast()
		.onBackpressureBuffer(Queues.SMALL_BUFFER_SIZE, false);

	private volatile Disposable upstream;

	private volatile boolean stopped;

	ChangeFeed(ChangeBus bus, LiveStatus liveStatus, VehicleCatalog catalog, StreamProperties properties,
			JsonMapper json) {
		this.bus = bus;
		this.json = json;
		this.liveStatus = liveStatus;
		this.catalog = catalog;
		this.properties = properties;
	}

	/** Hot batches of changes published from now on. */
	Flux<ChangeBatch> batches() {
		return this.sink.asFlux();
	}

	/**
	 * Whether this replica is shutting down: the feed sent its last batch and completed.
	 */
	boolean stopped() {
		return this.stopped;
	}

	/** Counts within a customer filter ({@code null} = all customers). */
	Counts counts(Long customerId) {
		return this.tally.counts(customerId);
	}

	/** Clients currently subscribed on this replica. */
	int clients() {
		return this.sink.currentSubscriberCount();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("monitor.stream.clients", this, ChangeFeed::clients)
			.description("Live stream clients connected to this replica")
			.register(registry);
	}

	/** Batches the given changes like live ones (used for replays on resume). */
	Flux<ChangeBatch> batch(Flux<StatusChange> changes) {
		return changes.bufferTimeout(this.properties.batchSize(), this.properties.batchWindow())
			.onBackpressureBuffer(FEED_BUFFER)
			.concatMap(this::lookUp);
	}

	private Mono<ChangeBatch> lookUp(List<StatusChange> changes) {
		List<String> vins = changes.stream().map(StatusChange::vin).distinct().toList();
		return this.catalog.byVin(vins).onErrorResume((ex) -> {
			logger.warn("Catalog lookup failed; " + changes.size() + " changes go out without customer", ex);
			return Mono.just(Map.of());
		})
			.map((vehicles) -> new ChangeBatch(
					changes.stream().map((c) -> new ChangeBatch.Item(c, vehicles.get(c.vin()))).toList()));
	}

	private ChangeBatch countAndEncode(ChangeBatch batch) {
		this.tally.apply(batch);
		Payloads.Changes changes = new Payloads.Changes(batch.items().stream().map(Payloads.Change::of).toList());
		return batch.withJson(this.json.writeValueAsString(changes), this.json.writeValueAsString(counts(null)));
	}

	private Flux<Void> loadTally() {
		return this.catalog.vehicles(null)
			.buffer(this.properties.snapshotChunk())
			.concatMap((chunk) -> this.liveStatus.states(chunk.stream().map(CatalogVehicle::vin).toList())
				.doOnNext((states) -> chunk
					.forEach((v) -> this.tally.load(v, states.getOrDefault(v.vin(), VehicleState.neverSeen(v.vin()))))))
			.thenMany(Flux.<Void>empty())
			.doOnError((ex) -> logger.warn("Could not load live counts; retrying", ex))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)));
	}

	@EventListener
	synchronized void onFleetChanged(FleetChanged event) {
		this.tally.remove(event.removed());
		if (!event.registered().isEmpty() && this.registered.tryEmitNext(event.registered()).isFailure()) {
			logger.warn("Too many registrations queued: " + event.registered().size()
					+ " vehicles are counted only after their first change");
		}
	}

	/** Counts newly registered vehicles; a failed lookup only skips its own batch. */
	private Flux<Void> loadRegistered() {
		return this.registered.asFlux()
			.concatMap((vins) -> this.catalog.byVin(vins)
				.zipWith(this.liveStatus.states(vins))
				.doOnNext((found) -> found.getT1()
					.values()
					.forEach((v) -> this.tally.load(v,
							found.getT2().getOrDefault(v.vin(), VehicleState.neverSeen(v.vin())))))
				.onErrorResume((ex) -> {
					logger.warn("Could not count " + vins.size() + " newly registered vehicles", ex);
					return Mono.empty();
				}))
			.thenMany(Flux.empty());
	}

	private Flux<Void> relay() {
		return batch(this.bus.changes()).map(this::countAndEncode).doOnNext(this.sink::tryEmitNext).doOnError((ex) -> {
			logger.warn("Change bus failed; clients are told to resync", ex);
			this.sink.tryEmitNext(ChangeBatch.RESYNC);
		})
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
			.thenMany(Flux.empty());
	}

	@Override
	public void start() {
		// Subscribe to changes before loading, so nothing published during the load is
		// lost.
		this.upstream = Flux.merge(relay(), loadTally(), loadRegistered()).subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.upstream;
		if (current != null) {
			current.dispose();
		}
		this.upstream = null;
		this.stopped = true;
		// Clients end their streams and reconnect, to another replica if there is one.
		this.sink.tryEmitNext(ChangeBatch.RESYNC);
		this.sink.tryEmitComplete();
	}

	@Override
	public boolean isRunning() {
		return this.upstream != null;
	}

}
