package io.vehiclesmonitor.backend.status.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import io.vehiclesmonitor.backend.status.FleetSource;
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
 * {@link FleetSource} before the first operation.
 */
@Component
@ConditionalOnProperty(name = "monitor.mode", havingValue = "standalone", matchIfMissing = true)
public class InMemoryStatusStore implements StatusStore {

	private final Map<String, Tracked> vehicles = new HashMap<>();

	private final NavigableSet<Due> deadlines = new TreeSet<>();

	private final InMemoryChangeBus bus;

	private final FleetSource fleetSource;

	private final Clock clock;

	private final StatusMetrics metrics;

	private final StatusProperties properties;

	private final AtomicReference<Mono<Void>> seeding = new AtomicReference<>();

	private volatile boolean seeded;

	public InMemoryStatusStore(InMemoryChangeBus bus, FleetSource fleetSource, Clock clock, StatusMetrics metrics,
			StatusProperties properties) {
		this.bus = bus;
		this.fleetSource = fleetSource;
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
			Tracked state = this.vehicles.get(ping.vin());
			if (state == null) {
				results.add(PingResult.UNKNOWN_VEHICLE);
				continue;
			}
			PingOutcome outcome = StatusRules.ping(state, ping.receivedAt(), now);
			put(ping.vin(), state, outcome.next());
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
		while (taken < batch && !this.deadlines.isEmpty() && !this.deadlines.first().deadline().isAfter(limit)) {
			Due due = this.deadlines.first();
			taken++;
			Tracked state = this.vehicles.get(due.vin());
			Expiry expiry = StatusRules.expire(state, limit);
			put(due.vin(), state, expiry.next());
			this.bus.publish(due.vin(), expiry.transition());
			changed++;
		}
		this.metrics.disconnected(changed);
		return new int[] { changed, taken };
	}

	@Override
	public Mono<Map<String, VehicleState>> states(Collection<String> vins) {
		return ensureSeeded().then(Mono.fromCallable(() -> statesNow(vins)));
	}

	private synchronized Map<String, VehicleState> statesNow(Collection<String> vins) {
		Map<String, VehicleState> states = new LinkedHashMap<>();
		for (String vin : vins) {
			Tracked state = this.vehicles.get(vin);
			states.put(vin, (state != null) ? state.toState(vin) : VehicleState.neverSeen(vin));
		}
		return states;
	}

	@Override
	public Mono<Void> upsert(Collection<RegisteredVehicle> registered) {
		return ensureSeeded().then(Mono.fromRunnable(() -> upsertNow(registered)));
	}

	private synchronized void upsertNow(Collection<RegisteredVehicle> registered) {
		for (RegisteredVehicle vehicle : registered) {
			Tracked state = this.vehicles.get(vehicle.vin());
			put(vehicle.vin(), state, (state != null) ? StatusRules.retime(state, vehicle.timeout())
					: Tracked.registered(vehicle.timeout()));
		}
	}

	@Override
	public Mono<Void> remove(Collection<String> vins) {
		return Mono.fromRunnable(() -> removeNow(vins));
	}

	private synchronized void removeNow(Collection<String> vins) {
		for (String vin : vins) {
			put(vin, this.vehicles.get(vin), null);
		}
	}

	/** Seeds once per store lifetime; a failed attempt is retried by the next caller. */
	private Mono<Void> ensureSeeded() {
		if (this.seeded) {
			return Mono.empty();
		}
		return this.seeding.updateAndGet((current) -> (current != null) ? current
				: this.fleetSource.registeredVehicles()
					.buffer(Math.max(1, this.properties.seedBatch()))
					.doOnNext(this::seedNow)
					.then()
					.doOnSuccess((done) -> this.seeded = true)
					.doOnError((ex) -> this.seeding.set(null))
					.cache());
	}

	private synchronized void seedNow(List<RegisteredVehicle> batch) {
		Instant now = this.clock.instant();
		for (RegisteredVehicle vehicle : batch) {
			if (!this.vehicles.containsKey(vehicle.vin())) {
				put(vehicle.vin(), null, Tracked.seeded(vehicle.timeout(), now));
			}
		}
	}

	private void put(String vin, Tracked previous, Tracked next) {
		if (previous != null && previous.deadline() != null) {
			this.deadlines.remove(new Due(previous.deadline(), vin));
		}
		if (next == null) {
			this.vehicles.remove(vin);
			return;
		}
		this.vehicles.put(vin, next);
		if (next.deadline() != null) {
			this.deadlines.add(new Due(next.deadline(), vin));
		}
	}

	private record Due(Instant deadline, String vin) implements Comparable<Due> {

		@Override
		public int compareTo(Due other) {
			int byDeadline = this.deadline.compareTo(other.deadline);
			return (byDeadline != 0) ? byDeadline : this.vin.compareTo(other.vin);
		}

	}

}
