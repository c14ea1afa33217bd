package io.vehiclesmonitor.backend.status.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import io.vehiclesmonitor.backend.status.MutableClock;
import io.vehiclesmonitor.backend.status.Ping;
import io.vehiclesmonitor.backend.status.Status;
import io.vehiclesmonitor.backend.status.StatusChange;
import io.vehiclesmonitor.backend.status.StatusMetrics;
import io.vehiclesmonitor.backend.status.StatusProperties;
import io.vehiclesmonitor.backend.status.TestHistory;
import io.vehiclesmonitor.backend.status.TestFleet;
import io.vehiclesmonitor.backend.status.VehicleState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas, data loss and the change stream on the real Redis (the shared bus stories are
 * in {@link RedisChangeBusContractIntegrationTests}).
 */
class RedisStatusEngineIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(70);

	private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

	private final MutableClock clock = new MutableClock(T0);

	private final TestFleet fleet = new TestFleet();

	private final TestHistory history = new TestHistory();

	private final RedisTestSupport redis = new RedisTestSupport();

	private final List<RedisTestSupport> replicas = new ArrayList<>(List.of(this.redis));

	@AfterEach
	void deleteTestKeys() {
		this.redis.deleteAllKeys();
		this.replicas.forEach(RedisTestSupport::close);
	}

	private RedisStatusStore store(RedisTestSupport support, MeterRegistry registry) {
		return new RedisStatusStore(support.connection, support.properties, StatusProperties.defaults(), this.fleet,
				this.history, this.clock, new StatusMetrics(registry));
	}

	/** Registers vehicles after the first start, so they are new: never seen. */
	private void registerThroughTheStore(RedisStatusStore store, String... vins) {
		List<RegisteredVehicle> vehicles = java.util.Arrays.stream(vins)
			.map((vin) -> new RegisteredVehicle(vin, TIMEOUT))
			.toList();
		store.upsert(vehicles).block(Duration.ofSeconds(30));
		vehicles.forEach((vehicle) -> this.fleet.register(vehicle.vin(), vehicle.timeout()));
	}

	private RedisTestSupport replica() {
		RedisTestSupport replica = this.redis.replica();
		this.replicas.add(replica);
		return replica;
	}

	@Test
	void afterRedisLostItsDataEveryConnectedVehicleGetsOneFullTimeoutAndNoSpuriousChange() {
		RedisStatusStore store = store(this.redis, new SimpleMeterRegistry());
		registerThroughTheStore(store, "VIN00000000000001", "VIN00000000000002");
		store.apply(List.of(new Ping("VIN00000000000001", T0), new Ping("VIN00000000000002", T0)))
			.block(Duration.ofSeconds(10));
		assertThat(this.redis.streamedChanges()).hasSize(2);
		this.history.record(this.redis.streamedChanges());

		assertThat(this.redis.deleteAllKeys()).isPositive();
		Instant recovery = this.clock.advance(Duration.ofSeconds(60));
		StepVerifier.create(store.sweep(recovery)).expectNext(0).verifyComplete();
		Map<String, VehicleState> states = store.states(List.of("VIN00000000000001")).block(Duration.ofSeconds(10));
		assertThat(states.get("VIN00000000000001"))
			.isEqualTo(new VehicleState("VIN00000000000001", Status.CONNECTED, T0, T0));
		Instant laterPing = this.clock.advance(Duration.ofSeconds(5));
		store.apply(List.of(new Ping("VIN00000000000002", laterPing))).block(Duration.ofSeconds(10));
		assertThat(this.redis.streamedChanges()).isEmpty();

		// the original deadline (T0 + 70 s) passes without blaming anyone
		StepVerifier.create(store.sweep(recovery.plus(TIMEOUT).minusMillis(1))).expectNext(0).verifyComplete();
		StepVerifier.create(store.sweep(recovery.plus(TIMEOUT))).expectNext(1).verifyComplete();
		assertThat(this.redis.streamedChanges()).singleElement().satisfies((change) -> {
			assertThat(change.vin()).isEqualTo("VIN00000000000001");
			assertThat(change.status()).isEqualTo(Status.DISCONNECTED);
			assertThat(change.at()).isEqualTo(recovery.plus(TIMEOUT));
		});
	}

	@Test
	void twoReplicasPingingAndSweepingTheSameFleetEmitEachChangeExactlyOnce() {
		int size = 3000;
		List<String> vins = IntStream.range(0, size).mapToObj((i) -> String.format("CONC%013d", i)).toList();
		SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
		SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
		RedisStatusStore first = store(this.redis, firstMeters);
		RedisStatusStore second = store(replica(), secondMeters);
		List<RegisteredVehicle> registered = vins.stream().map((vin) -> new RegisteredVehicle(vin, TIMEOUT)).toList();
		Flux.merge(first.upsert(registered), second.upsert(registered)).blockLast(Duration.ofSeconds(60));

		// every ping reaches both replicas, in opposite orders and different batches
		List<Ping> pings = vins.stream().map((vin) -> new Ping(vin, T0.minusSeconds(1))).toList();
		List<Ping> reversed = new ArrayList<>(pings);
		java.util.Collections.reverse(reversed);
		Flux<Object> pingBoth = Flux.merge(
				Flux.fromIterable(pings).buffer(100).flatMap(first::apply, 4).subscribeOn(Schedulers.parallel()),
				Flux.fromIterable(reversed).buffer(77).flatMap(second::apply, 4).subscribeOn(Schedulers.parallel()));
		pingBoth.blockLast(Duration.ofSeconds(60));

		this.clock.advance(TIMEOUT);
		Flux<Integer> sweepBoth = Flux.merge(
				Flux.range(0, 3).concatMap((i) -> first.sweep(this.clock.instant())).subscribeOn(Schedulers.parallel()),
				Flux.range(0, 3)
					.concatMap((i) -> second.sweep(this.clock.instant()))
					.subscribeOn(Schedulers.parallel()));
		int disconnected = sweepBoth.reduce(0, Integer::sum).block(Duration.ofSeconds(60));

		assertThat(disconnected).isEqualTo(size);
		List<StatusChange> changes = this.redis.streamedChanges();
		Map<String, List<Status>> byVin = changes.stream()
			.collect(Collectors.groupingBy(StatusChange::vin,
					Collectors.mapping(StatusChange::status, Collectors.toList())));
		assertThat(byVin).hasSize(size);
		assertThat(byVin.values())
			.allSatisfy((statuses) -> assertThat(statuses).containsExactly(Status.CONNECTED, Status.DISCONNECTED));
		assertThat(changes).extracting(StatusChange::id).isSorted().doesNotHaveDuplicates();
		double connectedCounted = connectedCount(firstMeters) + connectedCount(secondMeters);
		assertThat(connectedCounted).isEqualTo(size);
	}

	private static double connectedCount(MeterRegistry registry) {
		return registry.get("vm.status.changes").tag("direction", "connected").counter().count();
	}

	@Test
	void changesAfterAnIdResumeInOrderAndLastIdIsTheNewest() {
		List<String> vins = IntStream.range(0, 1200).mapToObj((i) -> String.format("RESU%013d", i)).toList();
		RedisStatusStore store = store(this.redis, new SimpleMeterRegistry());
		registerThroughTheStore(store, vins.toArray(String[]::new));
		RedisChangeBus bus = new RedisChangeBus(this.redis.connection, this.redis.connection, this.redis.properties);
		StepVerifier.create(bus.lastId()).expectNext(0L).verifyComplete();
		store.apply(vins.stream().map((vin) -> new Ping(vin, T0)).toList()).block(Duration.ofSeconds(10));
		this.clock.advance(TIMEOUT);
		store.sweep(this.clock.instant()).block(Duration.ofSeconds(10));
		List<StatusChange> all = this.redis.streamedChanges();
		assertThat(all).hasSize(2400);

		StatusChange resumeFrom = all.get(99);
		StepVerifier.create(bus.changesAfter(resumeFrom.id()).collectList())
			.assertNext((after) -> assertThat(after).isEqualTo(all.subList(100, all.size())))
			.verifyComplete();
		StepVerifier.create(bus.lastId()).expectNext(all.get(all.size() - 1).id()).verifyComplete();
		StepVerifier.create(bus.changesAfter(all.get(0).id() - 1)).verifyComplete();
		Map<Long, StatusChange> byId = all.stream().collect(Collectors.toMap(StatusChange::id, Function.identity()));
		assertThat(byId).hasSize(all.size());
	}

}
