package io.vehiclesmonitor.backend.status.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.lettuce.core.api.sync.RedisCommands;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.FleetSource;
import io.vehiclesmonitor.backend.status.LastKnownStates;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.StatusStore;
import io.vehiclesmonitor.backend.status.StatusStoreContractTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store contract on the real Redis (fails when Redis is down).
 */
class RedisStatusStoreIntegrationTests extends StatusStoreContractTests {

	private static final String VIN_CHARACTERS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

	private final List<RedisTestSupport> redis = new ArrayList<>();

	@Override
	protected StatusStore createStore(FleetSource fleet, LastKnownStates history, Clock clock,
			StatusProperties properties) {
		RedisTestSupport support = new RedisTestSupport();
		this.redis.add(support);
		return new RedisStatusStore(support.connection, support.properties, properties, fleet, history, clock,
				new StatusMetrics(new SimpleMeterRegistry()));
	}

	/** Redis loses its data (every key of the store, the change stream too). */
	@Override
	protected void loseLiveState() {
		this.redis.get(this.redis.size() - 1).deleteAllKeys();
	}

	@Override
	protected List<StatusChange> publishedChanges() {
		return this.redis.get(this.redis.size() - 1).streamedChanges();
	}

	/**
	 * The bucket of a VIN is part of the data layout: a script computing it differently
	 * (say, a faster loop) would lose every vehicle stored before. The reference formula:
	 * {@code h = (h * 31 + byte) mod buckets} over the VIN's bytes.
	 */
	@Test
	void eachVehicleLivesInTheBucketItsVinHashesTo() {
		Random random = new Random(17);
		String[] vins = new String[200];
		for (int i = 0; i < vins.length; i++) {
			StringBuilder vin = new StringBuilder();
			for (int c = 0; c < 17; c++) {
				vin.append(VIN_CHARACTERS.charAt(random.nextInt(VIN_CHARACTERS.length())));
			}
			vins[i] = vin.toString();
		}
		register(vins);
		for (String vin : vins) {
			ping(vin, T0);
		}

		RedisTestSupport support = this.redis.get(this.redis.size() - 1);
		RedisCommands<String, String> commands = support.connection.sync();
		String prefix = support.keys().shardPrefix();
		for (String vin : vins) {
			int bucket = referenceBucket(vin, support.properties.buckets());
			assertThat(commands.hexists(prefix + "v:" + bucket, vin)).as("state of %s in bucket %d", vin, bucket)
				.isTrue();
			assertThat(commands.zscore(prefix + "d:" + bucket, vin)).as("deadline of %s", vin)
				.isEqualTo((double) T0.plus(TIMEOUT).toEpochMilli());
		}
	}

	private static int referenceBucket(String vin, int buckets) {
		long h = 0;
		for (byte b : vin.getBytes(StandardCharsets.US_ASCII)) {
			h = (h * 31 + b) % buckets;
		}
		return (int) h;
	}

	@AfterEach
	void deleteTestKeys() {
		for (RedisTestSupport support : this.redis) {
			support.deleteAllKeys();
			support.close();
		}
	}

}
