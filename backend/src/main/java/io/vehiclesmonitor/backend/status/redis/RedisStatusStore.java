package io.vehiclesmonitor.backend.status.redis;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.vehiclesmonitor.backend.status.FleetSource;
import io.vehiclesmonitor.backend.status.LastKnownStates;
import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.StatusStore;
import io.vehiclesmonitor.backend.status.VehicleState;
import io.vehiclesmonitor.backend.status.redis.RedisScripts.Script;

import io.vehiclesmonitor.backend.system.RedisProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static io.vehiclesmonitor.backend.status.redis.ShardScripts.isNoEpoch;
import static io.vehiclesmonitor.backend.status.redis.ShardScripts.millis;
import static io.vehiclesmonitor.backend.status.redis.ShardScripts.number;
import static io.vehiclesmonitor.backend.status.redis.ShardScripts.pairs;

/**
 * Status store of the distributed run: every state transition is one atomic Lua script
 * that also appends the change to the shard's stream, so replicas applying pings and
 * sweeping concurrently can never both emit the same change. When the epoch marker is
 * missing (Redis lost its data, or first start) one replica, holding a lock, re-seeds the
 * state from the {@link FleetSource} and the vehicles' {@link LastKnownStates last known
 * states} before any script runs again.
 */
public class RedisStatusStore implements StatusStore {

	private static final PingResult[] PING_RESULTS = { PingResult.APPLIED, PingResult.STALE, PingResult.UNKNOWN_VEHICLE,
			PingResult.APPLIED };

	private final RedisReactiveCommands<String, String> commands;

	private final ShardScripts scripts;

	private final RedisSeeder seeder;

	private final Clock clock;

	private final StatusMetrics metrics;

	private final StatusProperties properties;

	public RedisStatusStore(StatefulRedisConnection<String, String> connection, RedisProperties redis,
			StatusProperties properties, FleetSource fleetSource, LastKnownStates lastKnown, Clock clock,
			StatusMetrics metrics) {
		this.commands = connection.reactive();
		this.scripts = new ShardScripts(connection.reactive(), new RedisKeys(redis.keyPrefix(), 0), redis.buckets(),
				properties.changeRetention());
		this.seeder = new RedisSeeder(connection.reactive(), this.scripts, fleetSource, lastKnown, clock,
				properties.scriptBatch());
		this.clock = clock;
		this.metrics = metrics;
		this.properties = properties;
	}

	@Override
	public Mono<List<PingResult>> apply(List<Ping> pings) {
		if (pings.isEmpty()) {
			return Mono.just(List.of());
		}
		this.metrics.batch(pings.size());
		return Flux.fromIterable(pings)
			.buffer(Math.max(1, this.properties.scriptBatch()))
			.concatMap((chunk) -> seeded(() -> {
				List<String> args = new ArrayList<>(1 + 2 * chunk.size());
				args.add(millis(this.clock.instant()));
				for (Ping ping : chunk) {
					args.add(ping.vin());
					args.add(millis(ping.receivedAt()));
				}
				return this.scripts.run(Script.PING, args);
			}))
			.concatMapIterable(this::pingResults)
			.collectList()
			.doOnError((ex) -> this.metrics.error("ping"));
	}

	private List<PingResult> pingResults(List<Object> codes) {
		List<PingResult> results = new ArrayList<>(codes.size());
		int connected = 0;
		for (Object code : codes) {
			int value = ((Long) code).intValue();
			connected += (value == 3) ? 1 : 0;
			results.add(PING_RESULTS[value]);
		}
		this.metrics.connected(connected);
		return results;
	}

	@Override
	public Mono<Integer> sweep(Instant limit) {
		int batch = Math.max(1, this.properties.sweepBatch());
		Mono<List<Object>> oneBatch = seeded(
				() -> this.scripts.run(Script.SWEEP, List.of(millis(limit), Integer.toString(batch))));
		return oneBatch.expand((counts) -> (number(counts, 1) == batch) ? oneBatch : Mono.empty())
			.reduce(0, (total, counts) -> total + number(counts, 0))
			.doOnNext(this.metrics::disconnected)
			.doOnError((ex) -> this.metrics.error("sweep"));
	}

	/**
	 * The first entry of the deadline index: each bucket is scored no later than its
	 * earliest deadline (exactly after the sweep visited it), so one read of one small
	 * key, no script and no seeding (an empty state has no deadlines).
	 */
	@Override
	public Mono<Instant> nextDeadline() {
		return this.commands.zrangeWithScores(this.scripts.keys().deadlines(), 0, 0)
			.next()
			.map((first) -> Instant.ofEpochMilli((long) first.getScore()))
			.doOnError((ex) -> this.metrics.error("next-deadline"));
	}

	@Override
	public Mono<Map<String, VehicleState>> states(Collection<String> vins) {
		if (vins.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<String> ordered = List.copyOf(vins);
		return seeded(() -> this.scripts.run(Script.STATES, ordered)).map((raw) -> {
			Map<String, VehicleState> states = new LinkedHashMap<>();
			for (int i = 0; i < ordered.size(); i++) {
				states.put(ordered.get(i), StateCodec.decode(ordered.get(i), (String) raw.get(i)));
			}
			return states;
		}).doOnError((ex) -> this.metrics.error("states"));
	}

	@Override
	public Mono<Void> upsert(Collection<RegisteredVehicle> vehicles) {
		return Flux.fromIterable(vehicles)
			.buffer(Math.max(1, this.properties.scriptBatch()))
			.concatMap((chunk) -> seeded(() -> this.scripts.run(Script.REGISTER, pairs(chunk))))
			.doOnError((ex) -> this.metrics.error("upsert"))
			.then();
	}

	@Override
	public Mono<Void> remove(Collection<String> vins) {
		return Flux.fromIterable(vins)
			.buffer(Math.max(1, this.properties.scriptBatch()))
			.concatMap((chunk) -> this.scripts.run(Script.UNREGISTER, chunk))
			.doOnError((ex) -> this.metrics.error("remove"))
			.then();
	}

	/**
	 * Runs a script; when it reports the epoch marker missing, makes sure the state is
	 * seeded and runs it once more (with fresh arguments, the seeding may take a while).
	 */
	private Mono<List<Object>> seeded(Supplier<Mono<List<Object>>> call) {
		return Mono.defer(call)
			.flatMap((result) -> isNoEpoch(result)
					? this.seeder.ensureSeeded()
						.then(Mono.defer(call))
						.filter((retried) -> !isNoEpoch(retried))
						.switchIfEmpty(Mono.error(new IllegalStateException("Live state lost again while re-seeding")))
					: Mono.just(result));
	}

}
