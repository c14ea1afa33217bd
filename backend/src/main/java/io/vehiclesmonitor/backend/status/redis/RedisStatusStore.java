package io.vehiclesmonitor.backend.status.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.vehiclesmonitor.backend.status.FleetSource;
import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.StatusStore;
import io.vehiclesmonitor.backend.status.VehicleState;
import io.vehiclesmonitor.backend.status.redis.RedisScripts.Script;
import io.vehiclesmonitor.backend.system.RedisProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Status store of the distributed run: every state transition is one atomic Lua script
 * that also appends the change to the shard's stream, so replicas applying pings and
 * sweeping concurrently can never both emit the same change. When the epoch marker is
 * missing (Redis lost its data, or first start) one replica, holding a lock, re-seeds the
 * state from the {@link FleetSource} before any script runs again.
 */
public class RedisStatusStore implements StatusStore {

	private static final Log logger = LogFactory.getLog(RedisStatusStore.class);

	private static final Duration SEED_LOCK_TTL = Duration.ofSeconds(60);

	private static final Duration SEED_POLL = Duration.ofMillis(100);

	private static final PingResult[] PING_RESULTS = { PingResult.APPLIED, PingResult.STALE, PingResult.UNKNOWN_VEHICLE,
			PingResult.APPLIED };

	private final RedisReactiveCommands<String, String> commands;

	private final RedisScripts scripts;

	private final RedisKeys keys;

	private final List<String> common;

	private final FleetSource fleetSource;

	private final Clock clock;

	private final StatusMetrics metrics;

	private final StatusProperties properties;

	public RedisStatusStore(StatefulRedisConnection<String, String> connection, RedisProperties redis,
			StatusProperties properties, FleetSource fleetSource, Clock clock, StatusMetrics metrics) {
		this.commands = connection.reactive();
		this.scripts = new RedisScripts(this.commands);
		this.keys = new RedisKeys(redis.keyPrefix(), 0);
		this.common = List.of(this.keys.shardPrefix(), Integer.toString(redis.buckets()),
				Integer.toString(properties.changeRetention()));
		this.fleetSource = fleetSource;
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
		return seeded(() -> {
			List<String> args = args(millis(this.clock.instant()));
			for (Ping ping : pings) {
				args.add(ping.vin());
				args.add(millis(ping.receivedAt()));
			}
			return run(Script.PING, args);
		}).map(this::pingResults).doOnError((ex) -> this.metrics.error("ping"));
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
		Mono<List<Object>> oneBatch = seeded(() -> run(Script.SWEEP, args(millis(limit), Integer.toString(batch))));
		return oneBatch.expand((counts) -> (number(counts, 1) == batch) ? oneBatch : Mono.empty())
			.reduce(0, (total, counts) -> total + number(counts, 0))
			.doOnNext(this.metrics::disconnected)
			.doOnError((ex) -> this.metrics.error("sweep"));
	}

	@Override
	public Mono<Map<String, VehicleState>> states(Collection<String> vins) {
		if (vins.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<String> ordered = List.copyOf(vins);
		return seeded(() -> run(Script.STATES, args(ordered.toArray(String[]::new)))).map((raw) -> {
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
			.buffer(Math.max(1, this.properties.seedBatch()))
			.concatMap((chunk) -> seeded(() -> run(Script.REGISTER, args(pairs(chunk)))))
			.doOnError((ex) -> this.metrics.error("upsert"))
			.then();
	}

	@Override
	public Mono<Void> remove(Collection<String> vins) {
		return Flux.fromIterable(vins)
			.buffer(Math.max(1, this.properties.seedBatch()))
			.concatMap((chunk) -> run(Script.UNREGISTER, args(chunk.toArray(String[]::new))))
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
					? ensureSeeded().then(Mono.defer(call))
						.filter((retried) -> !isNoEpoch(retried))
						.switchIfEmpty(Mono.error(new IllegalStateException("Live state lost again while re-seeding")))
					: Mono.just(result));
	}

	private static boolean isNoEpoch(List<Object> result) {
		return !result.isEmpty() && Long.valueOf(-1).equals(result.get(0));
	}

	private Mono<Void> ensureSeeded() {
		return this.commands.exists(this.keys.epoch())
			.flatMap((count) -> (count > 0) ? Mono.<Void>empty() : seedOrWait());
	}

	/** The replica winning the lock re-seeds; the others wait for the epoch marker. */
	private Mono<Void> seedOrWait() {
		String token = UUID.randomUUID().toString();
		return this.commands.set(this.keys.seedLock(), token, SetArgs.Builder.nx().px(SEED_LOCK_TTL))
			.map((ok) -> true)
			.defaultIfEmpty(false)
			.flatMap((won) -> won ? reseed(token) : Mono.delay(SEED_POLL).then(Mono.defer(this::ensureSeeded)));
	}

	private Mono<Void> reseed(String token) {
		Instant now = this.clock.instant();
		logger.info("Live state is empty (first start or Redis lost its data): re-seeding from the fleet registry");
		return this.fleetSource.registeredVehicles()
			.buffer(Math.max(1, this.properties.seedBatch()))
			.concatMap((chunk) -> {
				List<String> args = args(millis(now));
				args.addAll(List.of(pairs(chunk)));
				return run(Script.SEED, args);
			})
			.reduce(0L, (total, seeded) -> total + number(seeded, 0))
			.doOnNext((total) -> logger.info("Re-seeded " + total + " vehicles, each Connected for one timeout"))
			.then(this.commands.set(this.keys.epoch(), token))
			.then(this.commands.del(this.keys.seedLock()))
			.then();
	}

	private Mono<List<Object>> run(Script script, List<String> args) {
		return this.scripts.run(script, this.keys.scriptKeys(), args.toArray(String[]::new));
	}

	private List<String> args(String... specific) {
		List<String> args = new ArrayList<>(this.common.size() + specific.length + 64);
		args.addAll(this.common);
		args.addAll(List.of(specific));
		return args;
	}

	private static String[] pairs(List<RegisteredVehicle> vehicles) {
		String[] pairs = new String[vehicles.size() * 2];
		for (int i = 0; i < vehicles.size(); i++) {
			pairs[2 * i] = vehicles.get(i).vin();
			pairs[2 * i + 1] = Long.toString(vehicles.get(i).timeout().toMillis());
		}
		return pairs;
	}

	private static String millis(Instant instant) {
		return Long.toString(instant.toEpochMilli());
	}

	private static int number(List<Object> result, int index) {
		return ((Long) result.get(index)).intValue();
	}

}
