package io.vehiclesmonitor.backend.status.memory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import io.vehiclesmonitor.backend.status.FleetSync;
import io.vehiclesmonitor.backend.status.LiveStatus;
import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.PingProcessor;
import io.vehiclesmonitor.backend.status.VehicleState;

/**
 * PLACEHOLDER written by the fleet branch so it starts before the merge: knows which VINs
 * are registered, reports every vehicle as never seen. The status branch's real store
 * replaces this file at merge.
 */
@Component
@ConditionalOnProperty(name = "monitor.mode", havingValue = "standalone", matchIfMissing = true)
public class InMemoryStatusStore implements PingProcessor, LiveStatus, FleetSync {

	private final Set<String> registered = ConcurrentHashMap.newKeySet();

	@Override
	public Mono<List<PingResult>> apply(List<Ping> pings) {
		return Mono.fromSupplier(() -> pings.stream()
			.map((ping) -> this.registered.contains(ping.vin()) ? PingResult.STALE : PingResult.UNKNOWN_VEHICLE)
			.toList());
	}

	@Override
	public Mono<Map<String, VehicleState>> states(Collection<String> vins) {
		return Mono.fromSupplier(
				() -> vins.stream().distinct().collect(Collectors.toMap(Function.identity(), VehicleState::neverSeen)));
	}

	@Override
	public Mono<Void> upsert(Collection<RegisteredVehicle> vehicles) {
		return Mono.fromRunnable(() -> vehicles.forEach((vehicle) -> this.registered.add(vehicle.vin())));
	}

	@Override
	public Mono<Void> remove(Collection<String> vins) {
		return Mono.fromRunnable(() -> this.registered.removeAll(vins));
	}

}
