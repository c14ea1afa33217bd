package io.vehiclesmonitor.backend.status.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.vehiclesmonitor.backend.status.FleetSource;
import io.vehiclesmonitor.backend.status.LastKnownStates;
import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.StatusRules;
import io.vehiclesmonitor.backend.status.StatusRules.Expiry;
import io.vehiclesmonitor.backend.status.StatusRules.PingOutcome;
import io.vehiclesmonitor.backend.status.StatusStore;
import io.vehiclesmonitor.backend.status.Tracked;
import io.vehiclesmonitor.backend.status.VehicleState;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Status store of the standalone run: the {@link StatusRules} over a map and a deadline
 * index, under one lock held only for in-memory work (microseconds, no I/O), so change
 * ids follow the order of the changes. Empty at every start, so it seeds itself from the
 * {@link FleetSource} and each vehicle's {@link LastKnownStates last known state} before
 * the first operation.
 */
@Component
@ConditionalOnProperty(name = "monitor.mode", havingValue = "standalone", matchIfMissing = true)
public class InMemoryStatusStore implements StatusStore {

	private final LiveState state = new LiveState();

	private final InMemoryChangeBus bus;

	private final FleetSource fleetSource;

	private final LastKnownStates lastKnown;

	private final Clock clock;

	private final StatusMetrics metrics;

	private final StatusProperties properties;

	private final AtomicReference<Mono<Void>> seeding = new AtomicReference<>();

	private volatile boolean seeded;

	public InMemoryStatusStore(InMemoryChangeBus bus, FleetSource fleetSource, LastKnownStates lastKnown, Clock clock,
			StatusMetrics metrics, StatusProperties properties) {
		this.bus = bus;
		this.fleetSource = fleetSource;
		this.lastKnown = lastKnown;
		this.clock = clock;
		this.metrics = metrics;
		this.properties = properties;
	}

	@Override
	public Mono<List<PingResult>> apply(List<Ping> pings) {
		return ensureSeeded().then(Mono.fromCallable(() -> applyNow(pings)));
	}

	private synchronized List<PingResult> applyNow(List<Ping> pings) {
		this.metrics.batch(pings.size());
		Instant now = this.clock.instant();
		List<PingResult> results = new ArrayList<>(pings.size());
		for (Ping ping : pings) {
			Tracked current = this.state.get(ping.vin());
			if (current == null) {
				results.add(PingResult.UNKNOWN_VEHICLE);
				continue;
			}
			PingOutcome outcome = StatusRules.ping(current, ping.receivedAt(), now);
			this.state.put(ping.vin(), outcome.next());
			if (outcome.transition() != null) {
				this.bus.publish(ping.vin(), outcome.transition());
				this.metrics.connected(1);
			}
			results.add(outcome.result());
		}
		return results;
	}

	@Override
	public Mono<Integer> sweep(Instant limit) {
		int batch = Math.max(1, this.properties.sweepBatch());
		Mono<int[]> oneBatch = Mono.fromCallable(() -> sweepBatch(limit, batch));
		return ensureSeeded().then(oneBatch)
			.expand((counts) -> (counts[1] == batch) ? oneBatch : Mono.empty())
			.reduce(0, (total, counts) -> total + counts[0]);
	}

	/** Returns {disconnected, taken} for one bounded batch. */
	private synchronized int[] sweepBatch(Instant limit, int batch) {
		int taken = 0;
		int changed = 0;
		String vin = this.state.firstDue(limit);
		while (taken < batch && vin != null) {
			taken++;
			Expiry expiry = StatusRules.expire(this.state.get(vin), limit);
			this.state.put(vin, expiry.next());
			this.bus.publish(vin, expiry.transition());
			changed++;
			vin = this.state.firstDue(limit);
		}
		this.metrics.disconnected(changed);
		return new int[] { changed, taken };
	}

	@Override
	public Mono<Instant> nextDeadline() {
		return ensureSeeded().then(Mono.fromCallable(this::firstDeadline));
	}

	private synchronized Instant firstDeadline() {
		return this.state.firstDeadline();
	}

	@Override
	public Mono<Map<String, VehicleState>> states(Collection<String> vins) {
		return ensureSeeded().then(Mono.fromCallable(() -> statesNow(vins)));
	}

	private synchronized Map<String, VehicleState> statesNow(Collection<String> vins) {
		Map<String, VehicleState> states = new LinkedHashMap<>();
		for (String vin : vins) {
			Tracked current = this.state.get(vin);
			states.put(vin, (current != null) ? current.toState(vin) : VehicleState.neverSeen(vin));
		}
		return states;
	}

	@Override
	public Mono<Void> upsert(Collection<RegisteredVehicle> registered) {
		return ensureSeeded().then(Mono.fromRunnable(() -> upsertNow(registered)));
	}

	private synchronized void upsertNow(Collection<RegisteredVehicle> registered) {
		for (RegisteredVehicle vehicle : registered) {
			Tracked current = this.state.get(vehicle.vin());
			this.state.put(vehicle.vin(), (current != null) ? StatusRules.retime(current, vehicle.timeout())
					: Tracked.registered(vehicle.timeout()));
		}
	}

	@Override
	public Mono<Void> remove(Collection<String> vins) {
		return Mono.fromRunnable(() -> removeNow(vins));
	}

	private synchronized void removeNow(Collection<String> vins) {
		for (String vin : vins) {
			this.state.put(vin, null);
		}
	}

	/** Seeds once per store lifetime; a failed attempt is retried by the next caller. */
	private Mono<Void> ensureSeeded() {
		if (this.seeded) {
			return Mono.empty();
		}
		return this.seeding.updateAndGet((current) -> (current != null) ? current
				: this.fleetSource.registeredVehicles()
					.buffer(Math.max(1, this.properties.scriptBatch()))
					.concatMap((chunk) -> this.lastKnown.lastKnown(chunk.stream().map(RegisteredVehicle::vin).toList())
						.doOnNext((known) -> seedNow(chunk, known)))
					.then()
					.doOnSuccess((done) -> this.seeded = true)
					.doOnError((ex) -> this.seeding.set(null))
					.cache());
	}

	private synchronized void seedNow(List<RegisteredVehicle> batch, Map<String, VehicleState> known) {
		Instant now = this.clock.instant();
		for (RegisteredVehicle vehicle : batch) {
			if (!this.state.contains(vehicle.vin())) {
				this.state.put(vehicle.vin(), Tracked.reseeded(known.get(vehicle.vin()), vehicle.timeout(), now));
			}
		}
	}

}
