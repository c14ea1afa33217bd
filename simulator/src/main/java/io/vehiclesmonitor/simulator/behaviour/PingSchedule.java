package io.vehiclesmonitor.simulator.behaviour;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.vehiclesmonitor.simulator.behaviour.RoundPlanner.PlannedPing;

/**
 * Turns round plans into a timed stream of groups of VINs: the pings planned within the
 * same tick leave together. Scheduled on Reactor's parallel scheduler, so tests can run
 * it under virtual time.
 */
public final class PingSchedule {

	private final RoundPlanner planner;

	private final Duration tick;

	public PingSchedule(RoundPlanner planner, Duration tick) {
		this.planner = planner;
		this.tick = tick;
	}

	/**
	 * An endless schedule, starting with round 0 now.
	 * @param vins the fleet
	 * @return groups of VINs to ping, each emitted at its planned time
	 */
	public Flux<List<String>> pings(List<String> vins) {
		return pings(() -> vins);
	}

	/**
	 * An endless schedule over a fleet that may change; it is read at the start of every
	 * round.
	 * @param fleet the current fleet
	 * @return groups of VINs to ping, each emitted at its planned time
	 */
	public Flux<List<String>> pings(Supplier<List<String>> fleet) {
		return Flux.interval(Duration.ZERO, this.planner.interval())
			.onBackpressureDrop()
			.concatMap((round) -> round(round, fleet.get()), 1);
	}

	private Flux<List<String>> round(long round, List<String> vins) {
		long roundStart = now();
		return Flux.fromIterable(groups(this.planner.plan(round, vins.size()), vins))
			// Delays are measured from the round start, so timer latency does not
			// accumulate.
			.concatMap((group) -> Mono.delay(Duration.ofNanos(Math.max(0, roundStart + group.offsetNanos() - now())))
				.thenReturn(group.vins()), 1);
	}

	private List<Group> groups(List<PlannedPing> plan, List<String> vins) {
		long tickNanos = Math.max(1, this.tick.toNanos());
		List<Group> groups = new ArrayList<>();
		Group current = null;
		for (PlannedPing ping : plan) {
			long bucket = ping.offset().toNanos() / tickNanos * tickNanos;
			if (current == null || current.offsetNanos() != bucket) {
				current = new Group(bucket, new ArrayList<>());
				groups.add(current);
			}
			current.vins().add(vins.get(ping.vehicle()));
		}
		return groups;
	}

	private static long now() {
		return Schedulers.parallel().now(TimeUnit.NANOSECONDS);
	}

	private record Group(long offsetNanos, List<String> vins) {
	}

}
