package io.vehiclesmonitor.backend.status.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.vehiclesmonitor.backend.status.FleetSync;
import io.vehiclesmonitor.backend.status.LiveStatus;
import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.PingProcessor;
import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.VehicleState;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * PLACEHOLDER written by the ingest branch so it compiles and starts before the merge;
 * the status engine's real store replaces it. Keeps registered VINs and their last ping,
 * without timeouts or change events.
 */
@Component
@ConditionalOnProperty(name = "monitor.mode", havingValue = "standalone", matchIfMissing = true)
public class InMemoryStatusStore implements PingProcessor, LiveStatus, FleetSync {

	private final Map<String, Optional<Instant>> lastSeen = new ConcurrentHashMap<>();

	@Override
	public Mono<List<PingResult>> apply(List<Ping> pings) {
		return Mono.fromSupplier(() -> {
			List<PingResult> results = new ArrayList<>(pings.size());
			for (Ping ping : pings) {
				results.add(applyOne(ping));
			}
			return results;
		});
	}

	private PingResult applyOne(Ping ping) {
		PingResult[] result = { PingResult.UNKNOWN_VEHICLE };
		this.lastSeen.computeIfPresent(ping.vin(), (vin, seen) -> {
			boolean newer = seen.isEmpty() || ping.receivedAt().isAfter(seen.get());
			result[0] = newer ? PingResult.APPLIED : PingResult.STALE;
			return newer ? Optional.of(ping.receivedAt()) : seen;
		});
		return result[0];
	}

	@Override
	public Mono<Map<String, VehicleState>> states(Collection<String> vins) {
		return Mono.fromSupplier(() -> {
			Map<String, VehicleState> states = new LinkedHashMap<>();
			for (String vin : vins) {
				Instant seen = this.lastSeen.getOrDefault(vin, Optional.empty()).orElse(null);
				states.put(vin, (seen != null) ? new VehicleState(vin, Status.CONNECTED, seen, seen)
						: VehicleState.neverSeen(vin));
			}
			return states;
		});
	}

	@Override
	public Mono<Void> upsert(Collection<RegisteredVehicle> vehicles) {
		return Mono.fromRunnable(() -> vehicles.forEach((v) -> this.lastSeen.putIfAbsent(v.vin(), Optional.empty())));
	}

	@Override
	public Mono<Void> remove(Collection<String> vins) {
		return Mono.fromRunnable(() -> vins.forEach(this.lastSeen::remove));
	}

}
