package io.vehiclesmonitor.backend.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vehiclesmonitor.backend.status.FleetSync.RegisteredVehicle;
import io.vehiclesmonitor.backend.status.PingProcessor.PingResult;
import io.vehiclesmonitor.backend.status.StatusRules.Expiry;
import io.vehiclesmonitor.backend.status.StatusRules.PingOutcome;

import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * A store fed random histories of a small fleet (batches with duplicates, late and skewed
 * pings, sweeps in between) behaves exactly like {@link StatusRules} applied one ping at
 * a time: same ping results, same states, same changes in the same order.
 */
public abstract class StatusStoreModelProperties {

	private static final Instant START = Instant.parse("2026-11-28T15:00:00Z");

	private static final List<String> VINS = List.of("MODEL000000000001", "MODEL000000000002", "MODEL000000000003");

	private static final List<Duration> TIMEOUTS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
			Duration.ofSeconds(70));

	/** A fresh, empty store over an empty registry. */
	protected abstract StatusStore createStore(Clock clock);

	/** Every change the store published, oldest first. */
	protected abstract List<StatusChange> publishedChanges();

	/**
	 * Checks the store against the model for {@code examples} random histories (shrunk to
	 * a smallest failing one on failure).
	 */
	protected void checkStoreBehavesLikeTheRules(int examples) {
		qt().withExamples(examples).forAll(histories()).checkAssert((history) -> {
			try {
				storeBehavesLikeTheRules(history);
			}
			finally {
				afterTry();
			}
		});
	}

	/** Releases what {@link #createStore(Clock)} made for one history. */
	protected void afterTry() {
	}

	private void storeBehavesLikeTheRules(List<Step> history) {
		MutableClock clock = new MutableClock(START);
		StatusStore store = createStore(clock);
		Map<String, Tracked> model = new HashMap<>();
		List<RegisteredVehicle> fleet = new ArrayList<>();
		for (int i = 0; i < VINS.size(); i++) {
			fleet.add(new RegisteredVehicle(VINS.get(i), TIMEOUTS.get(i)));
			model.put(VINS.get(i), Tracked.registered(TIMEOUTS.get(i)));
		}
		store.upsert(fleet).block(Duration.ofSeconds(10));
		List<String> expectedChanges = new ArrayList<>();
		for (Step step : history) {
			Instant now = clock.advance(Duration.ofMillis(step.advanceMillis()));
			if (step.pings().isEmpty()) {
				int disconnected = 0;
				for (String vin : VINS) {
					Expiry expiry = StatusRules.expire(model.get(vin), now);
					if (expiry != null) {
						model.put(vin, expiry.next());
						expectedChanges.add(describe(vin, expiry.transition()));
						disconnected++;
					}
				}
				assertThat(store.sweep(now).block(Duration.ofSeconds(10))).isEqualTo(disconnected);
				continue;
			}
			List<Ping> batch = new ArrayList<>();
			List<PingResult> expectedResults = new ArrayList<>();
			for (PingSpec spec : step.pings()) {
				String vin = VINS.get(spec.vehicle());
				Instant sent = now.plusMillis(spec.offsetMillis());
				batch.add(new Ping(vin, sent));
				PingOutcome outcome = StatusRules.ping(model.get(vin), sent, now);
				model.put(vin, outcome.next());
				expectedResults.add(outcome.result());
				if (outcome.transition() != null) {
					expectedChanges.add(describe(vin, outcome.transition()));
				}
			}
			assertThat(store.apply(batch).block(Duration.ofSeconds(10))).isEqualTo(expectedResults);
		}
		Map<String, VehicleState> states = store.states(VINS).block(Duration.ofSeconds(10));
		for (String vin : VINS) {
			assertThat(states.get(vin)).isEqualTo(model.get(vin).toState(vin));
		}
		// one sweep may disconnect several vehicles in any order: compare vehicle by
		// vehicle
		List<StatusChange> published = publishedChanges();
		assertThat(published).extracting(StatusChange::id).isSorted().doesNotHaveDuplicates();
		for (String vin : VINS) {
			assertThat(published).filteredOn((change) -> change.vin().equals(vin))
				.extracting((change) -> describe(vin, new Transition(change.status(), change.at(), change.lastSeen())))
				.containsExactlyElementsOf(
						expectedChanges.stream().filter((change) -> change.startsWith(vin)).toList());
		}
	}

	private static String describe(String vin, Transition transition) {
		return vin + " " + transition;
	}

	static Gen<List<Step>> histories() {
		Gen<PingSpec> ping = integers().between(0, VINS.size() - 1)
			.zip(longs().between(-90_000, 3_000).map((offset) -> offset / 500 * 500), PingSpec::new);
		Gen<Step> step = longs().between(0, 40_000)
			.map((advance) -> advance / 500 * 500)
			.zip(lists().of(ping).ofSizeBetween(0, 6), Step::new);
		return lists().of(step).ofSizeBetween(0, 30);
	}

	/** Time moves on, then a batch of pings, or a sweep when there are none. */
	public record Step(long advanceMillis, List<PingSpec> pings) {
	}

	/** A ping of one vehicle sent at {@code now + offset}. */
	public record PingSpec(int vehicle, long offsetMillis) {
	}

}
