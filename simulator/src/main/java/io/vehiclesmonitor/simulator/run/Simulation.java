package io.vehiclesmonitor.simulator.run;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.vehiclesmonitor.simulator.SimulatorProperties;
import io.vehiclesmonitor.simulator.SimulatorProperties.Mode;
import io.vehiclesmonitor.simulator.behaviour.Behaviour;
import io.vehiclesmonitor.simulator.behaviour.CoinBehaviour;
import io.vehiclesmonitor.simulator.behaviour.MarkovBehaviour;
import io.vehiclesmonitor.simulator.behaviour.PingSchedule;
import io.vehiclesmonitor.simulator.behaviour.RateSchedule;
import io.vehiclesmonitor.simulator.behaviour.RoundPlanner;
import io.vehiclesmonitor.simulator.SimulatorProperties.FleetSource;
import io.vehiclesmonitor.simulator.fleet.FleetGenerator;
import io.vehiclesmonitor.simulator.fleet.FleetView;
import io.vehiclesmonitor.simulator.fleet.Fleets;
import io.vehiclesmonitor.simulator.fleet.SimulatedVehicle;
import io.vehiclesmonitor.simulator.transport.PingMessage;
import io.vehiclesmonitor.simulator.transport.PingTransport;

/**
 * The simulation: obtain the fleet, schedule its pings, send them with bounded
 * concurrency, report progress. Demo mode runs until cancelled; load mode for its
 * duration, then logs a summary and completes.
 */
public class Simulation {

	private static final Log logger = LogFactory.getLog(Simulation.class);

	private final SimulatorProperties properties;

	private final Fleets fleets;

	private final PingTransport transport;

	private final SendStats stats;

	private final long seed;

	private final Progress progress;

	public Simulation(SimulatorProperties properties, Fleets fleets, PingTransport transport, SendStats stats) {
		this.properties = properties;
		this.fleets = fleets;
		this.transport = transport;
		this.stats = stats;
		this.seed = (properties.seed() != null) ? properties.seed() : new SplittableRandom().nextLong();
		this.progress = new Progress(stats, properties.progressInterval());
	}

	/**
	 * @return completes when load mode has run its duration (never in demo mode)
	 */
	public Mono<Void> run() {
		SplittableRandom random = new SplittableRandom(this.seed);
		SplittableRandom fleetRandom = random.split();
		logger.info("Simulator: mode " + this.properties.mode() + ", transport " + this.properties.transport()
				+ ", behaviour " + this.properties.behaviour() + ", seed " + this.seed);
		return fleet(fleetRandom).flatMap((vehicles) -> {
			FleetView fleet = new FleetView(vins(vehicles));
			Flux<List<String>> schedule = Flux.defer(() -> timed(schedule(fleet, random)));
			return this.transport.ready()
				.then(Mono.defer(() -> this.progress.around(send(schedule).and(refresh(fleet)))));
		});
	}

	/**
	 * Called when the application shuts down (e.g. Ctrl-C in demo mode): say what was
	 * done.
	 */
	public void close() {
		logger.info("Stopped: " + this.stats.snapshot().describe());
	}

	/**
	 * Send a schedule's groups of pings, at most {@code max-in-flight} sends at a time;
	 * groups owed while all are busy are dropped and counted, never buffered.
	 */
	private Mono<Void> send(Flux<List<String>> schedule) {
		int batchSize = this.properties.load().batchSize();
		return schedule.onBackpressureDrop((group) -> this.stats.dropped(group.size())).flatMap((group) -> {
			this.stats.sent(group.size());
			return this.transport.send(PingMessage.split(group, batchSize));
		}, this.properties.maxInFlight()).doOnNext(this.stats::record).then();
	}

	private Flux<List<String>> timed(Flux<List<String>> schedule) {
		if (this.properties.mode() != Mode.LOAD) {
			return schedule;
		}
		// Half a tick more, so the tick due exactly at the end is not lost to a timer
		// race.
		return schedule.take(this.properties.load().duration().plus(this.properties.load().tick().dividedBy(2)));
	}

	private Mono<List<SimulatedVehicle>> fleet(SplittableRandom random) {
		SimulatorProperties.Fleet fleet = this.properties.fleet();
		return switch (fleet.source()) {
			case REGISTERED -> this.fleets.registered();
			case GENERATED -> fleet.register()
					? this.fleets.generated(fleet.size(), fleet.customers(), fleet.registerConcurrency(), random)
					: Mono.just(new FleetGenerator(random).generate(fleet.size()));
		};
	}

	/**
	 * In demo mode, read the registered fleet again now and then, so vehicles added in
	 * the backend (for instance on the dashboard) start pinging without a restart.
	 */
	private Mono<Void> refresh(FleetView fleet) {
		Duration every = this.properties.fleet().refresh();
		if (this.properties.mode() != Mode.DEMO || this.properties.fleet().source() != FleetSource.REGISTERED
				|| every.isZero() || every.isNegative()) {
			return Mono.empty();
		}
		return Flux.interval(every)
			.onBackpressureDrop()
			.concatMap((tick) -> this.fleets.registered(), 1)
			.doOnNext((vehicles) -> {
				int added = fleet.update(vins(vehicles));
				if (added > 0) {
					logger.info("Fleet: " + added + " new vehicles will ping from the next round");
				}
			})
			.then();
	}

	private static List<String> vins(List<SimulatedVehicle> vehicles) {
		return vehicles.stream().map(SimulatedVehicle::vin).toList();
	}

	private Flux<List<String>> schedule(FleetView fleet, SplittableRandom random) {
		SimulatorProperties.Load load = this.properties.load();
		List<String> vins = fleet.get();
		if (this.properties.mode() == Mode.LOAD && load.rate() > 0) {
			return new RateSchedule(load.rate(), load.tick(), this.stats::dropped).pings(vins);
		}
		Behaviour behaviour = switch (this.properties.behaviour()) {
			case COIN -> new CoinBehaviour(this.properties.coin().probability(), random.split());
			case MARKOV -> new MarkovBehaviour(this.properties.markov().meanOnline(),
					this.properties.markov().meanOffline(), vins.size(), random.split());
		};
		RoundPlanner planner = new RoundPlanner(behaviour, this.properties.interval(),
				this.properties.timing() == SimulatorProperties.Timing.ALIGNED, this.properties.jitter(),
				random.split());
		return new PingSchedule(planner, load.tick()).pings(fleet);
	}

}
