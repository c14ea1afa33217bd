package io.vehiclesmonitor.backend.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import io.vehiclesmonitor.backend.status.PingProcessor.PingResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link StatusStore} owes, run against each implementation.
 */
public abstract class StatusStoreContractTests {

	protected static final Duration TIMEOUT = Duration.ofSeconds(70);

	protected static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

	protected static final String VIN = "YS2R4X20005399401";

	protected static final String OTHER_VIN = "VLUR4X20009093588";

	protected MutableClock clock;

	protected TestFleet fleet;

	protected TestHistory history;

	protected StatusStore store;

	/** A fresh, empty store over the given registry, history and clock. */
	protected abstract StatusStore createStore(FleetSource fleet, LastKnownStates history, Clock clock,
			StatusProperties properties);

	/**
	 * Every change published by the store of this test since it was created or last lost
	 * its live state, oldest first.
	 */
	protected abstract List<StatusChange> publishedChanges();

	/**
	 * The live state is lost, as when Redis loses its data or the standalone application
	 * restarts; the registry and the history stay.
	 */
	protected abstract void loseLiveState();

	@BeforeEach
	void createEmptyStore() {
		this.clock = new MutableClock(T0);
		this.fleet = new TestFleet();
		this.history = new TestHistory();
		this.store = createStore(this.fleet, this.history, this.clock, StatusProperties.defaults());
	}

	protected static <T> T await(Mono<T> mono) {
		return mono.block(Duration.ofSeconds(30));
	}

	protected void register(String... vins) {
		List<RegisteredVehicle> vehicles = new ArrayList<>();
		for (String vin : vins) {
			vehicles.add(new RegisteredVehicle(vin, TIMEOUT));
		}
		await(this.store.upsert(vehicles));
	}

	protected PingResult ping(String vin, Instant at) {
		return await(this.store.apply(List.of(new Ping(vin, at)))).get(0);
	}

	protected VehicleState state(String vin) {
		return await(this.store.states(List.of(vin))).get(vin);
	}

	@Test
	void pingOfAnUnregisteredVehicleCreatesNoState() {
		assertThat(ping(VIN, T0)).isEqualTo(PingResult.UNKNOWN_VEHICLE);
		assertThat(state(VIN)).isEqualTo(VehicleState.neverSeen(VIN));
		assertThat(publishedChanges()).isEmpty();
	}

	@Test
	void registeredVehicleNeverSeenIsDisconnectedWithoutLastSeen() {
		register(VIN);
		assertThat(state(VIN)).isEqualTo(VehicleState.neverSeen(VIN));
	}

	@Test
	void firstPingConnectsAtThePingTime() {
		register(VIN);
		Instant pingTime = T0.minusSeconds(5);
		assertThat(ping(VIN, pingTime)).isEqualTo(PingResult.APPLIED);
		assertThat(state(VIN)).isEqualTo(new VehicleState(VIN, Status.CONNECTED, pingTime, pingTime));
		assertThat(publishedChanges()).singleElement().satisfies((change) -> {
			assertThat(change.vin()).isEqualTo(VIN);
			assertThat(change.status()).isEqualTo(Status.CONNECTED);
			assertThat(change.at()).isEqualTo(pingTime);
			assertThat(change.lastSeen()).isEqualTo(pingTime);
		});
	}

	@Test
	void duplicateAndOlderPingsAreStaleAndChangeNothing() {
		register(VIN);
		ping(VIN, T0);
		List<PingResult> results = await(this.store
			.apply(List.of(new Ping(VIN, T0), new Ping(VIN, T0.minusSeconds(1)), new Ping(VIN, T0.minusMillis(1)))));
		assertThat(results).containsOnly(PingResult.STALE);
		assertThat(state(VIN).lastSeen()).isEqualTo(T0);
		assertThat(publishedChanges()).hasSize(1);
	}

	@Test
	void batchResultsFollowThePingOrder() {
		register(VIN);
		List<PingResult> results = await(this.store.apply(List.of(new Ping(VIN, T0.minusSeconds(2)),
				new Ping(OTHER_VIN, T0), new Ping(VIN, T0.minusSeconds(3)), new Ping(VIN, T0))));
		assertThat(results).containsExactly(PingResult.APPLIED, PingResult.UNKNOWN_VEHICLE, PingResult.STALE,
				PingResult.APPLIED);
		assertThat(state(VIN).lastSeen()).isEqualTo(T0);
		assertThat(publishedChanges()).hasSize(1);
	}

	@Test
	void silenceDisconnectsAtTheDeadlineNotBefore() {
		register(VIN);
		ping(VIN, T0);
		Instant deadline = T0.plus(TIMEOUT);
		this.clock.set(deadline.plusSeconds(3));
		StepVerifier.create(this.store.sweep(deadline.minusMillis(1))).expectNext(0).verifyComplete();
		assertThat(state(VIN).status()).isEqualTo(Status.CONNECTED);
		StepVerifier.create(this.store.sweep(deadline)).expectNext(1).verifyComplete();
		assertThat(state(VIN)).isEqualTo(new VehicleState(VIN, Status.DISCONNECTED, T0, deadline));
		StatusChange disconnect = publishedChanges().get(1);
		assertThat(disconnect.status()).isEqualTo(Status.DISCONNECTED);
		assertThat(disconnect.at()).isEqualTo(deadline);
		assertThat(disconnect.lastSeen()).isEqualTo(T0);
		StepVerifier.create(this.store.sweep(deadline.plusSeconds(60))).expectNext(0).verifyComplete();
	}

	@Test
	void regularPingsKeepAVehicleConnected() {
		register(VIN);
		for (int minute = 0; minute < 5; minute++) {
			Instant now = this.clock.advance(Duration.ofSeconds(60));
			ping(VIN, now);
			StepVerifier.create(this.store.sweep(now)).expectNext(0).verifyComplete();
		}
		assertThat(publishedChanges()).extracting(StatusChange::status).containsExactly(Status.CONNECTED);
	}

	@Test
	void pingAfterADisconnectReconnectsWithIncreasingIds() {
		register(VIN);
		ping(VIN, T0);
		this.clock.set(T0.plusSeconds(100));
		await(this.store.sweep(this.clock.instant()));
		ping(VIN, T0.plusSeconds(95));
		List<StatusChange> changes = publishedChanges();
		assertThat(changes).extracting(StatusChange::status)
			.containsExactly(Status.CONNECTED, Status.DISCONNECTED, Status.CONNECTED);
		assertThat(changes.get(2).at()).isEqualTo(T0.plusSeconds(95));
		assertThat(changes.get(0).id()).isLessThan(changes.get(1).id());
		assertThat(changes.get(1).id()).isLessThan(changes.get(2).id());
	}

	@Test
	void oldPingWhoseDeadlinePassedMovesLastSeenButDoesNotConnect() {
		register(VIN);
		this.clock.set(T0.plusSeconds(100));
		assertThat(ping(VIN, T0)).isEqualTo(PingResult.APPLIED);
		assertThat(state(VIN)).isEqualTo(new VehicleState(VIN, Status.DISCONNECTED, T0, null));
		assertThat(publishedChanges()).isEmpty();
	}

	@Test
	void latePingNeverStampsAConnectBeforeThePreviousDisconnect() {
		register(VIN);
		ping(VIN, T0);
		Instant deadline = T0.plus(TIMEOUT);
		this.clock.set(deadline.plusSeconds(1));
		await(this.store.sweep(deadline));
		// delivered late: sent before the disconnect, so its own deadline is still ahead
		ping(VIN, deadline.minusSeconds(10));
		List<StatusChange> changes = publishedChanges();
		assertThat(changes).extracting(StatusChange::status)
			.containsExactly(Status.CONNECTED, Status.DISCONNECTED, Status.CONNECTED);
		assertThat(changes.get(2).at()).isEqualTo(deadline);
		assertThat(state(VIN).lastSeen()).isEqualTo(deadline.minusSeconds(10));
	}

	@Test
	void pingFromTheFutureCountsAsNow() {
		register(VIN);
		ping(VIN, T0.plusSeconds(30));
		assertThat(state(VIN).lastSeen()).isEqualTo(T0);
		assertThat(publishedChanges().get(0).at()).isEqualTo(T0);
	}

	@Test
	void firstStartLeavesEveryNeverSeenVehicleDisconnectedWithoutLastSeen() {
		this.fleet.register(VIN, TIMEOUT).register(OTHER_VIN, Duration.ofSeconds(30));
		assertThat(state(VIN)).isEqualTo(VehicleState.neverSeen(VIN));
		assertThat(state(OTHER_VIN)).isEqualTo(VehicleState.neverSeen(OTHER_VIN));
		StepVerifier.create(this.store.sweep(T0.plus(Duration.ofDays(1)))).expectNext(0).verifyComplete();
		assertThat(publishedChanges()).isEmpty();
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(ping(OTHER_VIN, this.clock.instant())).isEqualTo(PingResult.APPLIED);
		assertThat(publishedChanges()).singleElement().satisfies((change) -> {
			assertThat(change.vin()).isEqualTo(OTHER_VIN);
			assertThat(change.status()).isEqualTo(Status.CONNECTED);
			assertThat(change.at()).isEqualTo(T0.plusSeconds(10));
		});
		assertThat(state(VIN)).isEqualTo(VehicleState.neverSeen(VIN));
	}

	@Test
	void afterDataLossAConnectedVehicleStaysConnectedForOneFullTimeoutFromRecovery() {
		this.fleet.register(VIN, TIMEOUT).register(OTHER_VIN, TIMEOUT);
		ping(VIN, T0);
		ping(OTHER_VIN, T0.minusSeconds(20));
		this.history.record(publishedChanges());
		Instant recovery = this.clock.advance(Duration.ofSeconds(50));
		loseLiveState();

		// both deadlines (T0 + 50 s and T0 + 70 s) passed during the loss: still
		// Connected
		assertThat(state(VIN)).isEqualTo(new VehicleState(VIN, Status.CONNECTED, T0, T0));
		Instant graceEnd = recovery.plus(TIMEOUT);
		StepVerifier.create(this.store.sweep(graceEnd.minusMillis(1))).expectNext(0).verifyComplete();
		assertThat(publishedChanges()).isEmpty();
		StepVerifier.create(this.store.sweep(graceEnd)).expectNext(2).verifyComplete();
		assertThat(publishedChanges()).extracting(StatusChange::vin).containsExactlyInAnyOrder(VIN, OTHER_VIN);
		assertThat(publishedChanges()).allSatisfy((change) -> {
			assertThat(change.status()).isEqualTo(Status.DISCONNECTED);
			assertThat(change.at()).isEqualTo(graceEnd);
		});
		assertThat(state(VIN)).isEqualTo(new VehicleState(VIN, Status.DISCONNECTED, T0, graceEnd));
	}

	@Test
	void afterDataLossAConnectedVehicleThatPingsStaysConnectedWithoutAChange() {
		this.fleet.register(VIN, TIMEOUT);
		ping(VIN, T0);
		this.history.record(publishedChanges());
		loseLiveState();
		Instant now = this.clock.advance(Duration.ofSeconds(60));
		assertThat(ping(VIN, now)).isEqualTo(PingResult.APPLIED);
		assertThat(state(VIN)).isEqualTo(new VehicleState(VIN, Status.CONNECTED, now, T0));
		StepVerifier.create(this.store.sweep(now.plus(TIMEOUT).minusMillis(1))).expectNext(0).verifyComplete();
		assertThat(publishedChanges()).isEmpty();
	}

	@Test
	void afterDataLossANewTimeoutKeepsTheGraceOfOneFullTimeoutFromRecovery() {
		this.fleet.register(VIN, TIMEOUT);
		ping(VIN, T0);
		this.history.record(publishedChanges());
		Instant recovery = this.clock.advance(Duration.ofMinutes(10));
		loseLiveState();
		Duration longer = Duration.ofSeconds(100);
		await(this.store.upsert(List.of(new RegisteredVehicle(VIN, longer))));
		assertThat(state(VIN).status()).isEqualTo(Status.CONNECTED);
		StepVerifier.create(this.store.sweep(recovery.plus(longer).minusMillis(1))).expectNext(0).verifyComplete();
		StepVerifier.create(this.store.sweep(recovery.plus(longer))).expectNext(1).verifyComplete();
		assertThat(publishedChanges()).singleElement()
			.satisfies((change) -> assertThat(change.at()).isEqualTo(recovery.plus(longer)));
	}

	@Test
	void afterDataLossADisconnectedVehicleStaysDisconnectedWithoutANewChange() {
		this.fleet.register(VIN, TIMEOUT).register(OTHER_VIN, TIMEOUT);
		ping(VIN, T0);
		Instant deadline = T0.plus(TIMEOUT);
		this.clock.set(deadline.plusSeconds(5));
		StepVerifier.create(this.store.sweep(deadline)).expectNext(1).verifyComplete();
		this.history.record(publishedChanges());
		loseLiveState();

		VehicleState disconnected = new VehicleState(VIN, Status.DISCONNECTED, T0, deadline);
		assertThat(state(VIN)).isEqualTo(disconnected);
		assertThat(state(OTHER_VIN)).isEqualTo(VehicleState.neverSeen(OTHER_VIN));
		StepVerifier.create(this.store.sweep(T0.plus(Duration.ofDays(1)))).expectNext(0).verifyComplete();
		assertThat(publishedChanges()).isEmpty();
		assertThat(state(VIN)).isEqualTo(disconnected);

		// it still reconnects on its next ping, as before the loss
		Instant now = this.clock.instant();
		ping(VIN, now);
		assertThat(publishedChanges()).singleElement().satisfies((change) -> {
			assertThat(change.status()).isEqualTo(Status.CONNECTED);
			assertThat(change.at()).isEqualTo(now);
		});
	}

	@Test
	void removedVehicleIsForgotten() {
		register(VIN);
		ping(VIN, T0);
		await(this.store.remove(List.of(VIN)));
		assertThat(state(VIN)).isEqualTo(VehicleState.neverSeen(VIN));
		assertThat(ping(VIN, T0.plusSeconds(1))).isEqualTo(PingResult.UNKNOWN_VEHICLE);
		StepVerifier.create(this.store.sweep(T0.plus(Duration.ofDays(1)))).expectNext(0).verifyComplete();
	}

	@Test
	void shorterTimeoutMovesTheDeadline() {
		register(VIN);
		ping(VIN, T0);
		await(this.store.upsert(List.of(new RegisteredVehicle(VIN, Duration.ofSeconds(20)))));
		StepVerifier.create(this.store.sweep(T0.plusSeconds(20))).expectNext(1).verifyComplete();
		assertThat(publishedChanges().get(1).at()).isEqualTo(T0.plusSeconds(20));
	}

	@Test
	void nextDeadlineIsTheEarliestDeadlineOfAnyConnectedVehicle() {
		StepVerifier.create(this.store.nextDeadline()).verifyComplete();
		register(VIN, OTHER_VIN);
		StepVerifier.create(this.store.nextDeadline()).verifyComplete();

		ping(VIN, T0.minusSeconds(20));
		ping(OTHER_VIN, T0);
		StepVerifier.create(this.store.nextDeadline()).expectNext(T0.plus(TIMEOUT).minusSeconds(20)).verifyComplete();

		// a ping moves its vehicle's deadline later; the other one is now the earliest,
		// which a store may only tell after a sweep up to the deadline it answered before
		Instant now = this.clock.advance(Duration.ofSeconds(30));
		ping(VIN, now);
		StepVerifier.create(this.store.nextDeadline())
			.assertNext((next) -> assertThat(next).isBetween(T0.plus(TIMEOUT).minusSeconds(20), T0.plus(TIMEOUT)))
			.verifyComplete();
		StepVerifier.create(this.store.sweep(T0.plus(TIMEOUT).minusSeconds(20))).expectNext(0).verifyComplete();
		StepVerifier.create(this.store.nextDeadline()).expectNext(T0.plus(TIMEOUT)).verifyComplete();

		// a swept vehicle has no deadline any more
		this.clock.set(T0.plus(TIMEOUT));
		StepVerifier.create(this.store.sweep(T0.plus(TIMEOUT))).expectNext(1).verifyComplete();
		StepVerifier.create(this.store.nextDeadline()).expectNext(now.plus(TIMEOUT)).verifyComplete();

		await(this.store.remove(List.of(VIN)));
		StepVerifier.create(this.store.nextDeadline()).verifyComplete();
	}

	@Test
	void sweepDrainsEverythingDueInBoundedBatches() {
		this.store = createStore(this.fleet, this.history, this.clock,
				new StatusProperties(Duration.ofSeconds(1), 10, 7, 1000));
		String[] vins = IntStream.range(0, 25).mapToObj(StatusStoreContractTests::vin).toArray(String[]::new);
		register(vins);
		await(this.store.apply(IntStream.range(0, 25).mapToObj((i) -> new Ping(vins[i], T0)).toList()));
		StepVerifier.create(this.store.sweep(T0.plus(TIMEOUT))).expectNext(25).verifyComplete();
		assertThat(publishedChanges()).filteredOn((change) -> change.status() == Status.DISCONNECTED).hasSize(25);
	}

	@Test
	void aSweepPastDeadlinesThatPingsMovedLaterDisconnectsNothingAndCatchesUpInBoundedBatches() {
		this.store = createStore(this.fleet, this.history, this.clock,
				new StatusProperties(Duration.ofSeconds(1), 10, 7, 1000));
		String[] vins = IntStream.range(0, 25).mapToObj(StatusStoreContractTests::vin).toArray(String[]::new);
		register(vins);
		await(this.store.apply(IntStream.range(0, 25).mapToObj((i) -> new Ping(vins[i], T0)).toList()));
		Instant later = this.clock.advance(Duration.ofSeconds(10));
		await(this.store.apply(IntStream.range(0, 24).mapToObj((i) -> new Ping(vins[i], later)).toList()));

		this.clock.set(T0.plus(TIMEOUT));
		StepVerifier.create(this.store.sweep(T0.plus(TIMEOUT))).expectNext(1).verifyComplete();

		assertThat(publishedChanges()).filteredOn((change) -> change.status() == Status.DISCONNECTED)
			.extracting(StatusChange::vin)
			.containsExactly(vins[24]);
		StepVerifier.create(this.store.nextDeadline()).expectNext(later.plus(TIMEOUT)).verifyComplete();
	}

	/** A valid VIN numbered {@code n}. */
	protected static String vin(int n) {
		return String.format("TESTVIN%010d", n);
	}

}
