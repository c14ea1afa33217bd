package io.vehiclesmonitor.backend.status.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import io.vehiclesmonitor.backend.status.redis.RedisScripts.Script;
import reactor.core.publisher.Mono;

/**
 * Runs the status scripts against one shard: its keys plus the arguments every script
 * shares (shard prefix, bucket count, stream length), then the script's own.
 */
final class ShardScripts {

	private final RedisScripts scripts;

	private final RedisKeys keys;

	private final List<String> common;

	ShardScripts(RedisReactiveCommands<String, String> commands, RedisKeys keys, int buckets, int streamLength) {
		this.scripts = new RedisScripts(commands);
		this.keys = keys;
		this.common = List.of(keys.shardPrefix(), Integer.toString(buckets), Integer.toString(streamLength));
	}

	RedisKeys keys() {
		return this.keys;
	}

	Mono<List<Object>> run(Script script, List<String> specific) {
		List<String> args = new ArrayList<>(this.common.size() + specific.size());
		args.addAll(this.common);
		args.addAll(specific);
		return this.scripts.run(script, this.keys.scriptKeys(), args.toArray(String[]::new));
	}

	/** Whether a script reported the epoch marker missing. */
	static boolean isNoEpoch(List<Object> result) {
		return !result.isEmpty() && Long.valueOf(-1).equals(result.get(0));
	}

	static List<String> pairs(List<RegisteredVehicle> vehicles) {
		List<String> pairs = new ArrayList<>(vehicles.size() * 2);
		for (RegisteredVehicle vehicle : vehicles) {
			pairs.add(vehicle.vin());
			pairs.add(Long.toString(vehicle.timeout().toMillis()));
		}
		return pairs;
	}

	static String millis(Instant instant) {
		return Long.toString(instant.toEpochMilli());
	}

	static int number(List<Object> result, int index) {
		return ((Long) result.get(index)).intValue();
	}

}
