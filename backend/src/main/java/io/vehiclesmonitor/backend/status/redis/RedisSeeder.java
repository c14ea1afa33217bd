package io.vehiclesmonitor.backend.status.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.vehiclesmonitor.backend.status.FleetSource;
import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import io.vehiclesmonitor.backend.status.LastKnownStates;
import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.VehicleState;
import io.vehiclesmonitor.backend.status.redis.RedisScripts.Script;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Rebuilds an empty live state (first start, or Redis lost its data) from the registry
 * and each vehicle's last known state in the history (see
 * {@link io.vehiclesmonitor.backend.status.Tracked#reseeded}): one replica, holding a
 * lock, seeds every registered vehicle without emitting changes, then writes the epoch
 * marker; the others wait for the marker. A replica dying mid-way leaves the lock to
 * expire and another one takes over (seeding is idempotent).
 */
final class RedisSeeder {

	private static final Log logger = LogFactory.getLog(RedisSeeder.class);

	private static final Duration LOCK_TTL = Duration.ofSeconds(60);

	private static final Duration POLL = Duration.ofMillis(100);

	private final RedisReactiveCommands<String, String> commands;

	private final ShardScripts scripts;

	private final FleetSource fleetSource;

	private final LastKnownStates lastKnown;

	private final Clock clock;

	private final int batch;

	RedisSeeder(RedisReactiveCommands<String, String> commands, ShardScripts scripts, FleetSource fleetSource,
			LastKnownStates lastKnown, Clock clock, int batch) {
		this.commands = commands;
		this.scripts = scripts;
		this.fleetSource = fleetSource;
		this.lastKnown = lastKnown;
		this.clock = clock;
		this.batch = Math.max(1, batch);
	}

	/**
	 * Completes once the epoch marker exists, seeding first if this replica wins the
	 * lock.
	 */
	Mono<Void> ensureSeeded() {
		return this.commands.exists(this.scripts.keys().epoch())
			.flatMap((count) -> (count > 0) ? Mono.<Void>empty() : seedOrWait());
	}

	private Mono<Void> seedOrWait() {
		String token = UUID.randomUUID().toString();
		return this.commands.set(this.scripts.keys().seedLock(), token, SetArgs.Builder.nx().px(LOCK_TTL))
			.map((ok) -> true)
			.defaultIfEmpty(false)
			.flatMap((won) -> won ? seed(token) : Mono.delay(POLL).then(Mono.defer(this::ensureSeeded)));
	}

	private Mono<Void> seed(String token) {
		Instant now = this.clock.instant();
		logger.info("Live state is empty (first start or Redis lost its data): re-seeding from the fleet registry");
		return this.fleetSource.registeredVehicles()
			.buffer(this.batch)
			.concatMap((chunk) -> this.lastKnown.lastKnown(chunk.stream().map(RegisteredVehicle::vin).toList())
				.flatMap((known) -> this.scripts.run(Script.SEED, seedArguments(now, chunk, known))))
			.reduce(0L, (total, seeded) -> total + ShardScripts.number(seeded, 0))
			.doOnNext((total) -> logger.info("Re-seeded " + total + " vehicles from their last known state"))
			.then(this.commands.set(this.scripts.keys().epoch(), token))
			.then(this.commands.del(this.scripts.keys().seedLock()))
			.then();
	}

	/**
	 * Now, then per vehicle: VIN, timeout, last known status ({@code C}, {@code D}, or
	 * empty if never seen), last seen and since (epoch ms, empty if unknown).
	 */
	private static List<String> seedArguments(Instant now, List<RegisteredVehicle> chunk,
			Map<String, VehicleState> known) {
		List<String> args = new ArrayList<>(1 + 5 * chunk.size());
		args.add(ShardScripts.millis(now));
		for (RegisteredVehicle vehicle : chunk) {
			VehicleState last = known.get(vehicle.vin());
			args.add(vehicle.vin());
			args.add(Long.toString(vehicle.timeout().toMillis()));
			args.add((last == null) ? "" : (last.status() == Status.CONNECTED) ? "C" : "D");
			args.add((last != null && last.lastSeen() != null) ? ShardScripts.millis(last.lastSeen()) : "");
			args.add((last != null && last.since() != null) ? ShardScripts.millis(last.since()) : "");
		}
		return args;
	}

}
