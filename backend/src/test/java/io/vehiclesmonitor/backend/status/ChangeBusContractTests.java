package io.vehiclesmonitor.backend.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The behaviour every {@link ChangeBus} owes, run against each implementation. Changes
 * are made by the real store of the same kind, as in the running engine.
 */
public abstract class ChangeBusContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(70);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

	private static final String FIRST = "CBUS0000000000001";

	private static final String SECOND = "CBUS0000000000002";

	private static final String THIRD = "CBUS0000000000003";

	/** Its connect ends each story, so a subscriber knows it has seen everything. */
	private static final String LAST = "CBUS0000000000099";

	private final MutableClock clock = new MutableClock(T0);

	private StatusStore store;

	/**
	 * A fresh, empty store and the bus it publishes to (see {@link #bus()}), over the
	 * given registry and clock.
	 */
	protected abstract StatusStore createStore(StatusProperties properties, FleetSource fleet, Clock clock);

	/** The bus of the store created last. */
	protected abstract ChangeBus bus();

	/**
	 * The bus of another replica on the same state; the standalone run has one replica,
	 * so there it is the same bus.
	 */
	protected abstract ChangeBus otherReplicaBus();

	/**
	 * Every change the bus of the store created last retains, oldest first, read
	 * directly.
	 */
	protected abstract List<StatusChange> retainedChanges();

	@BeforeEach
	void createEmptyStore() {
		this.store = createStore(StatusProperties.defaults(), new TestFleet(), this.clock);
		register(FIRST, SECOND, THIRD, LAST);
	}

	private void register(String... vins) {
		List<RegisteredVehicle> vehicles = new ArrayList<>();
		for (String vin : vins) {
			vehicles.add(new RegisteredVehicle(vin, TIMEOUT));
		}
		await(this.store.upsert(vehicles));
	}

	private static <T> T await(Mono<T> mono) {
		return mono.block(WAIT);
	}

	private void ping(String... vins) {
		await(this.store.apply(Arrays.stream(vins).map((vin) -> new Ping(vin, this.clock.instant())).toList()));
	}

	/**
	 * After the first vehicle connected at T0: a connect, a disconnect, a reconnect, and
	 * the last vehicle connects. One disconnect per sweep, so the order is the same in
	 * every store.
	 */
	private void connectDisconnectAndReconnect() {
		this.clock.advance(Duration.ofSeconds(1));
		ping(SECOND);
		this.clock.set(T0.plus(TIMEOUT));
		await(this.store.sweep(this.clock.instant()));
		this.clock.advance(Duration.ofSeconds(5));
		ping(FIRST);
		ping(LAST);
	}

	private static final List<Tuple> STORY = List.of(tuple(SECOND, Status.CONNECTED), tuple(FIRST, Status.DISCONNECTED),
			tuple(FIRST, Status.CONNECTED), tuple(LAST, Status.CONNECTED));

	/**
	 * Everything the bus delivers to a new subscriber, up to the last vehicle's connect.
	 */
	private static Mono<List<StatusChange>> upToTheLastConnect(ChangeBus bus) {
		return bus.changes().takeUntil((change) -> LAST.equals(change.vin())).collectList();
	}

	/**
	 * Waits until the subscriptions to these buses are live. The Redis bus reads the head
	 * of the stream on its command connection when a subscription starts, so any later
	 * call on the same connection is answered after it; the in-memory bus is live at
	 * once.
	 */
	private static void awaitLive(ChangeBus... buses) {
		for (ChangeBus bus : buses) {
			await(bus.lastId());
		}
	}

	/** What a new subscriber of this replica's bus receives while the story runs. */
	private List<StatusChange> receivedDuring(Runnable story) {
		List<List<StatusChange>> received = new ArrayList<>();
		StepVerifier.create(upToTheLastConnect(bus())).then(() -> {
			awaitLive(bus());
			story.run();
		}).consumeNextWith(received::add).expectComplete().verify(WAIT);
		return received.get(0);
	}

	private static void assertStrictlyIncreasingIds(List<StatusChange> changes) {
		for (int i = 1; i < changes.size(); i++) {
			assertThat(changes.get(i).id()).isGreaterThan(changes.get(i - 1).id());
		}
	}

	@Test
	void subscriberReceivesEveryChangePublishedAfterItSubscribedOnceInIdOrder() {
		ping(FIRST);
		List<StatusChange> received = receivedDuring(this::connectDisconnectAndReconnect);
		assertThat(received).extracting(StatusChange::vin, StatusChange::status).containsExactlyElementsOf(STORY);
		assertStrictlyIncreasingIds(received);
		List<StatusChange> retained = retainedChanges();
		assertThat(received).isEqualTo(retained.subList(1, retained.size()));
	}

	@Test
	void idsStrictlyIncreaseAcrossConnectsDisconnectsAndReconnects() {
		ping(FIRST);
		connectDisconnectAndReconnect();
		List<StatusChange> changes = retainedChanges();
		assertThat(changes).hasSize(5);
		assertStrictlyIncreasingIds(changes);
	}

	@Test
	void twoReplicasBothReceiveEveryChange() {
		ChangeBus other = otherReplicaBus();
		StepVerifier.create(Mono.zip(upToTheLastConnect(bus()), upToTheLastConnect(other))).then(() -> {
			awaitLive(bus(), other);
			ping(FIRST);
			connectDisconnectAndReconnect();
		}).assertNext((both) -> {
			assertThat(both.getT1()).hasSize(5).isEqualTo(retainedChanges());
			assertThat(both.getT2()).isEqualTo(both.getT1());
		}).expectComplete().verify(WAIT);
	}

	@Test
	void lastIdIsZeroBeforeAnyChangeThenTheNewestAndNothingFollowsIt() {
		StepVerifier.create(bus().lastId()).expectNext(0L).verifyComplete();
		StepVerifier.create(bus().changesAfter(0)).verifyComplete();
		ping(FIRST);
		connectDisconnectAndReconnect();
		List<StatusChange> changes = retainedChanges();
		long newest = changes.get(changes.size() - 1).id();
		StepVerifier.create(bus().lastId()).expectNext(newest).verifyComplete();
		StepVerifier.create(bus().changesAfter(newest)).verifyComplete();
	}

	/**
	 * Retention is approximate on Redis (it trims whole stream nodes; at least the
	 * configured number stay), exact in memory. Resuming from the newest trimmed change
	 * returns everything retained in memory (ids are consecutive there, so nothing was
	 * missed) and nothing on Redis (it cannot tell); never a part. (A live Redis
	 * subscriber also misses changes trimmed before its replica's tail read them, a burst
	 * larger than the retention, so the live stories stay far below it.)
	 */
	@Test
	void changesAfterAnIdAreTheRetainedLaterOnesInOrderOrNothingOnceTrimmedSoTheCallerTakesASnapshot() {
		int retention = 10;
		this.store = createStore(new StatusProperties(Duration.ofSeconds(1), 1000, 1000, retention), new TestFleet(),
				this.clock);
		String[] vins = IntStream.range(0, 300).mapToObj((i) -> String.format("KEEP%013d", i)).toArray(String[]::new);
		register(vins);
		register(FIRST);
		ping(FIRST);
		long trimmed = await(bus().lastId());
		ping(vins);

		List<StatusChange> retained = retainedChanges();
		assertThat(retained.size()).isBetween(retention, vins.length - 1);
		assertThat(retained).extracting(StatusChange::vin)
			.isEqualTo(Arrays.asList(vins).subList(vins.length - retained.size(), vins.length));
		StepVerifier.create(bus().changesAfter(trimmed)).verifyComplete();
		StepVerifier.create(bus().changesAfter(retained.get(0).id() - 1).collectList())
			.assertNext((resumed) -> assertThat(resumed).isIn(retained, List.of()))
			.verifyComplete();
		for (int i = 0; i < retained.size(); i++) {
			List<StatusChange> resumed = await(bus().changesAfter(retained.get(i).id()).collectList());
			assertThat(resumed).as("after retained change %d", i).isEqualTo(retained.subList(i + 1, retained.size()));
		}
	}

	/**
	 * Neither bus can hold back the store (a change is made whether or not anyone
	 * listens), nor should one slow subscriber stall the others: a subscriber without
	 * demand misses the changes published meanwhile, on both buses. It should buffer, and
	 * can catch up with {@link ChangeBus#changesAfter(long)}.
	 */
	@Test
	void aSubscriberWithoutDemandMissesChangesButHoldsBackNoOtherSubscriber() {
		SlowSubscriber slow = new SlowSubscriber();
		bus().changes().subscribe(slow);
		try {
			List<StatusChange> fast = receivedDuring(() -> {
				ping(FIRST);
				connectDisconnectAndReconnect();
			});
			assertThat(fast).hasSize(5);
			slow.request(1);
			ping(THIRD);
			StepVerifier.create(slow.received.asFlux().next())
				.assertNext((change) -> assertThat(change.vin()).isEqualTo(THIRD))
				.expectComplete()
				.verify(WAIT);
			StatusChange third = retainedChanges().get(5);
			List<StatusChange> caughtUp = await(bus().changesAfter(fast.get(0).id()).collectList());
			assertThat(caughtUp).containsExactly(fast.get(1), fast.get(2), fast.get(3), fast.get(4), third);
		}
		finally {
			slow.dispose();
		}
	}

	@Test
	void afterTheOnlySubscriptionIsCancelledANewOneReceivesLaterChanges() {
		StepVerifier.create(bus().changes().take(1).map(StatusChange::vin)).then(() -> {
			awaitLive(bus());
			ping(FIRST);
		}).expectNext(FIRST).expectComplete().verify(WAIT);
		// nobody listens now (the Redis bus stopped tailing the stream)
		ping(THIRD);
		StepVerifier.create(bus().changes().take(1).map(StatusChange::vin)).then(() -> {
			awaitLive(bus());
			ping(SECOND);
		}).expectNext(SECOND).expectComplete().verify(WAIT);
	}

	/** Takes only what it is asked for; the slow subscriber of the stories. */
	private static final class SlowSubscriber extends BaseSubscriber<StatusChange> {

		private final Sinks.Many<StatusChange> received = Sinks.many().replay().all();

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			// no demand until the story asks
		}

		@Override
		protected void hookOnNext(StatusChange change) {
			this.received.tryEmitNext(change);
		}

	}

}
