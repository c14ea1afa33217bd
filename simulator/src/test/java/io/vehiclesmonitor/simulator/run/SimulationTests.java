package io.vehiclesmonitor.simulator.run;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.vehiclesmonitor.simulator.SimulatorProperties;
import io.vehiclesmonitor.simulator.SimulatorProperties.Mode;
import io.vehiclesmonitor.simulator.fleet.Fleets;
import io.vehiclesmonitor.simulator.fleet.SimulatedVehicle;
import io.vehiclesmonitor.simulator.transport.PingMessage;
import io.vehiclesmonitor.simulator.transport.PingTransport;
import io.vehiclesmonitor.simulator.transport.SendReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send pipeline with an in-memory transport, under virtual time.
 */
class SimulationTests {

	private static final List<SimulatedVehicle> FLEET = List.of(new SimulatedVehicle("1M8GDM9AXKP042788", "ABC123"),
			new SimulatedVehicle("1HGCM82633A004352", "DEF456"), new SimulatedVehicle("11111111111111111", "GHI789"));

	@Test
	void loadModeSendsTheTargetRateInBatchesForItsDurationAndThenCompletes() {
		Recording transport = new Recording((messages) -> Mono.just(SendReport.confirmed(pings(messages))));
		SendStats stats = new SendStats();

		StepVerifier
			.withVirtualTime(() -> new Simulation(properties(Mode.LOAD, 1000, 10, 64), fleet(), transport, stats).run())
			.thenAwait(Duration.ofSeconds(11))
			.expectComplete()
			.verify(Duration.ofSeconds(30));

		assertThat(stats.snapshot()).isEqualTo(new SendStats.Snapshot(10_000, 10_000, 0, 0, 0));
		assertThat(transport.messages).hasSize(1000).allSatisfy((message) -> assertThat(message.size()).isEqualTo(10));
	}

	@Test
	void aStalledTransportHoldsAtMostMaxInFlightSendsAndTheRestIsCountedAsDropped() {
		Recording transport = new Recording((messages) -> Mono.never());
		SendStats stats = new SendStats();

		StepVerifier
			.withVirtualTime(() -> new Simulation(properties(Mode.LOAD, 100, 1, 4), fleet(), transport, stats).run())
			.thenAwait(Duration.ofSeconds(1))
			.then(() -> {
				assertThat(stats.snapshot().sent()).isEqualTo(4);
				assertThat(stats.snapshot().inFlight()).isEqualTo(4);
				assertThat(stats.snapshot().dropped()).isEqualTo(96);
			})
			.thenCancel()
			.verify(Duration.ofSeconds(30));
	}

	@Test
	void demoModeNeverEndsAndEveryRoundPingsTheWholeFleetWhenTheCoinAlwaysSaysYes() {
		Recording transport = new Recording((messages) -> Mono.just(SendReport.confirmed(pings(messages))));
		SendStats stats = new SendStats();

		StepVerifier
			.withVirtualTime(() -> new Simulation(properties(Mode.DEMO, 0, 1, 64), fleet(), transport, stats).run())
			.thenAwait(Duration.ofSeconds(299))
			.then(() -> assertThat(stats.snapshot().confirmed()).isEqualTo(5 * FLEET.size()))
			.thenAwait(Duration.ofDays(1))
			.expectNoEvent(Duration.ofMinutes(1))
			.thenCancel()
			.verify(Duration.ofSeconds(30));
	}

	@Test
	void failuresReportedByTheTransportAreCountedAndTheSimulationGoesOn() {
		Recording transport = new Recording((messages) -> Mono.just(SendReport.failed(pings(messages))));
		SendStats stats = new SendStats();

		StepVerifier
			.withVirtualTime(() -> new Simulation(properties(Mode.LOAD, 100, 1, 64), fleet(), transport, stats).run())
			.thenAwait(Duration.ofSeconds(11))
			.expectComplete()
			.verify(Duration.ofSeconds(30));

		assertThat(stats.snapshot()).isEqualTo(new SendStats.Snapshot(1000, 0, 0, 1000, 0));
	}

	@Test
	void demoModeReadsTheRegisteredFleetAgainSoNewVehiclesStartPinging() {
		Recording transport = new Recording((messages) -> Mono.just(SendReport.confirmed(pings(messages))));
		SimulatedVehicle added = new SimulatedVehicle("5GZCZ43D13S812715", "JKL012");
		java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
		Fleets growing = new Fleets(null) {
			@Override
			public Mono<List<SimulatedVehicle>> registered() {
				return Mono.fromSupplier(() -> (reads.getAndIncrement() == 0) ? FLEET
						: java.util.stream.Stream.concat(FLEET.stream(), java.util.stream.Stream.of(added)).toList());
			}
		};

		StepVerifier
			.withVirtualTime(
					() -> new Simulation(properties(Mode.DEMO, 0, 1, 64), growing, transport, new SendStats()).run())
			// The fleet is read again after 5 minutes: round 5 (at 300 s) already
			// includes the new vehicle.
			.thenAwait(Duration.ofSeconds(299))
			.then(() -> assertThat(transport.vins()).doesNotContain(added.vin()))
			.thenAwait(Duration.ofSeconds(61))
			.then(() -> assertThat(transport.vins()).contains(added.vin()))
			.thenCancel()
			.verify(Duration.ofSeconds(30));
	}

	private static SimulatorProperties properties(Mode mode, double rate, int batchSize, int maxInFlight) {
		return new SimulatorProperties(mode, SimulatorProperties.Transport.AMQP, "http://unused",
				SimulatorProperties.BehaviourKind.COIN, Duration.ofSeconds(60), SimulatorProperties.Timing.SPREAD,
				Duration.ofSeconds(1), 42L, Duration.ofMinutes(10), maxInFlight, new SimulatorProperties.Coin(1),
				new SimulatorProperties.Markov(Duration.ofMinutes(10), Duration.ofMinutes(2)),
				new SimulatorProperties.Fleet(SimulatorProperties.FleetSource.REGISTERED, 100, 5, 8, true,
						Duration.ofMinutes(5)),
				new SimulatorProperties.Load(rate, Duration.ofSeconds(10), batchSize, Duration.ofMillis(10)),
				new SimulatorProperties.Http(32, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30),
						null, null, null),
				new SimulatorProperties.Rabbitmq("127.0.0.1", 5672, "guest", "guest", "/", "vm.pings", "vm-simulator",
						Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(30)));
	}

	private static Fleets fleet() {
		return new Fleets(null) {
			@Override
			public Mono<List<SimulatedVehicle>> registered() {
				return Mono.just(FLEET);
			}
		};
	}

	private static long pings(List<PingMessage> messages) {
		return messages.stream().mapToLong(PingMessage::size).sum();
	}

	/** An in-memory transport that records messages and answers as told. */
	private static final class Recording implements PingTransport {

		private final Queue<PingMessage> messages = new ConcurrentLinkedQueue<>();

		private final Function<List<PingMessage>, Mono<SendReport>> answer;

		Recording(Function<List<PingMessage>, Mono<SendReport>> answer) {
			this.answer = answer;
		}

		List<String> vins() {
			return this.messages.stream().flatMap((message) -> message.vins().stream()).toList();
		}

		@Override
		public Mono<SendReport> send(List<PingMessage> messages) {
			this.messages.addAll(messages);
			return Flux.fromIterable(messages).then(this.answer.apply(messages));
		}

	}

}
