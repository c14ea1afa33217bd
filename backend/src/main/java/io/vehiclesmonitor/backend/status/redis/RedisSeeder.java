package io.vehiclesmonitor.backend.status.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.vehiclesmonitor.backend.status.FleetSource;
import io.vehiclesmonitor.backend.status.redis.RedisScripts.Script;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Rebuilds an empty live state (first start, or Redis lost its data) from the registry:
 * one replica, holding a lock, seeds every registered vehicle as Connected until one full
 * timeout from now, without emitting changes, then writes the epoch marker; the others
 * wait for the marker. A replica dying mid-way leaves the lock to expire and another one
 * takes over (seeding is idempotent).
 */
final class RedisSeeder {

	private static final Log logger = LogFactory.getLog(RedisSeeder.class);

	private static final Duration LOCK_TTL = Duration.ofSeconds(60);

	private static final Duration POLL = Duration.ofMillis(100);

	private final RedisReactiveCommands<String, String> commands;

	private final ShardScripts scripts;

	private final FleetSource fleetSource;

	private final Clock clock;

	private final int batch;

	RedisSeeder(RedisReactiveCommands<String, String> commands, ShardScripts scripts, FleetSource fleetSource,
			Clock clock, int batch) {
		this.commands = commands;
		this.scripts = scripts;
		this.fleetSource = fleetSource;
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
		return this.fleetSource.registeredVehicles().buffer(this.batch).concatMap((chunk) -> {
			List<String> args = new ArrayList<>();
			args.add(ShardScripts.millis(now));
			args.addAll(ShardScripts.pairs(chunk));
			return this.scripts.run(Script.SEED, args);
		})
			.reduce(0L, (total, seeded) -> total + ShardScripts.number(seeded, 0))
			.doOnNext((total) -> logger.info("Re-seeded " + total + " vehicles, each Connected for one timeout"))
			.then(this.commands.set(this.scripts.keys().epoch(), token))
			.then(this.commands.del(this.scripts.keys().seedLock()))
			.then();
	}

}
