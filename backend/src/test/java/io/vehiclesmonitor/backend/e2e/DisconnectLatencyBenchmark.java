package io.vehiclesmonitor.backend.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

import io.vehiclesmonitor.backend.e2e.SseRecorder.Received;
import io.vehiclesmonitor.backend.status.ChangeBus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How late disconnects and connects reach clients, on one distributed replica with the
 * default sweep and stream settings and with a tighter pair (only the heartbeat is short
 * in both: 2 s + 1 s). Run with {@code ./mvnw -pl backend -am verify -Pbenchmarks};
 * results go to {@code backend/target/benchmarks/}. Not part of the normal build: timings
 * depend on the machine. Disconnect latency = receive time minus the deadline (last seen
 * + timeout); connect latency = receive time minus the ping's publish time.
 */
@Tag("benchmark")
class DisconnectLatencyBenchmark {

	private static final int VEHICLES = Integer.getInteger("bench.vehicles", 10_000);

	private static final Duration SPREAD = Duration.ofSeconds(5);

	private static final int MODERATE_VEHICLES = 1000;

	private static final int MODERATE_RATE = 100;

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	@ParameterizedTest(name = "sweep {0}, SSE batch window {1}")
	@CsvSource({ "1s, 20ms", "1s, 250ms", "250ms, 50ms" })
	void disconnectsAndConnectsReachTheStreamSoonAfterTheyHappen(String sweepInterval, String batchWindow)
			throws Exception {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("monitor.heartbeat.interval", "2s");
		settings.put("monitor.heartbeat.grace", "1s");
		settings.put("monitor.status.sweep-interval", sweepInterval);
		settings.put("monitor.stream.batch-window", batchWindow);
		try (DistributedCluster cluster = new DistributedCluster(settings)) {
			Replica replica = cluster.startReplica();
			await().atMost(Duration.ofMinutes(2)).until(replica::brokerConnected);
			ConcurrentLinkedQueue<Received> bus = new ConcurrentLinkedQueue<>();
			Disposable busSubscription = replica.context.getBean(ChangeBus.class)
				.changes()
				.subscribe((change) -> bus.add(new Received(change.id(), change.vin(), change.status().name(),
						change.at(), change.lastSeen(), Instant.now())));
			try (SseRecorder sse = new SseRecorder(replica)) {
				await().atMost(Duration.ofMinutes(2)).until(sse::ready);
				List<String> burst = register(replica, VEHICLES);
				List<String> moderate = register(replica, MODERATE_VEHICLES);

				publishPaced(cluster.publisher, burst, VEHICLES / (double) SPREAD.toSeconds());
				awaitAll(sse, burst, "DISCONNECTED");
				publishPaced(cluster.publisher, moderate, MODERATE_RATE);
				awaitAll(sse, moderate, "DISCONNECTED");
				busSubscription.dispose();

				BenchmarkReport report = new BenchmarkReport(
						"disconnect-latency-sweep-" + sweepInterval + "-window-" + batchWindow)
					.note(VEHICLES + " vehicles, one ping each spread evenly over " + SPREAD.toSeconds()
							+ " s, timeout " + TIMEOUT.toSeconds() + " s, sweep interval " + sweepInterval
							+ ", SSE batch window " + batchWindow + " (defaults: 1s, 20ms)")
					.note("then " + MODERATE_VEHICLES + " more vehicles pinged at " + MODERATE_RATE
							+ "/s (moderate rate)")
					.note("one replica, RabbitMQ, Redis and PostgreSQL on the same machine as the test client");
				report.add(LatencyStats.of("DISCONNECTED, SSE receive - deadline",
						disconnectLatencies(sse.changes(), burst)));
				report.add(LatencyStats.of("DISCONNECTED, change bus receive - deadline",
						disconnectLatencies(List.copyOf(bus), burst)));
				report.add(
						LatencyStats.of("CONNECTED at " + (VEHICLES / SPREAD.toSeconds()) + "/s, SSE receive - publish",
								connectLatencies(sse.changes(), burst)));
				report.add(LatencyStats.of("CONNECTED at " + MODERATE_RATE + "/s, SSE receive - publish",
						connectLatencies(sse.changes(), moderate)));
				report.add(LatencyStats.of("CONNECTED at " + MODERATE_RATE + "/s, change bus receive - publish",
						connectLatencies(List.copyOf(bus), moderate)));
				report.percentiles("DISCONNECTED, SSE, sweep " + sweepInterval + ", window " + batchWindow,
						disconnectLatencies(sse.changes(), burst));
				report.percentiles("DISCONNECTED, change bus, sweep " + sweepInterval,
						disconnectLatencies(List.copyOf(bus), burst));
				report.write();
				assertThat(sse.resyncs()).isZero();
			}
		}
	}

	private static List<String> register(Replica replica, int count) {
		long customer = replica.createCustomer("Bench " + PingPublisher.randomVin(), null, null);
		Set<String> vins = new java.util.LinkedHashSet<>();
		while (vins.size() < count) {
			vins.add(PingPublisher.randomVin());
		}
		List<String> list = List.copyOf(vins);
		assertThat(replica.importVehicles(customer, list)).isEqualTo(count);
		return list;
	}

	/**
	 * One ping per vehicle at the given rate, stamped with the moment it is published.
	 */
	private static void publishPaced(PingPublisher publisher, List<String> vins, double perSecond) throws Exception {
		long start = System.nanoTime();
		for (int i = 0; i < vins.size(); i++) {
			long due = start + (long) (i * 1_000_000_000L / perSecond);
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			publisher.publish(vins.get(i), Instant.now().truncatedTo(ChronoUnit.MILLIS));
			if (i % 100 == 99) {
				publisher.confirm();
			}
		}
		publisher.confirm();
	}

	private static void awaitAll(SseRecorder sse, List<String> vins, String status) {
		Set<String> wanted = Set.copyOf(vins);
		await().atMost(Duration.ofMinutes(5))
			.until(() -> sse.changes()
				.stream()
				.filter((change) -> status.equals(change.status()) && wanted.contains(change.vin()))
				.count() >= vins.size());
	}

	private static List<Duration> disconnectLatencies(List<Received> changes, List<String> vins) {
		Set<String> wanted = Set.copyOf(vins);
		List<Duration> latencies = new ArrayList<>();
		for (Received change : changes) {
			if ("DISCONNECTED".equals(change.status()) && wanted.contains(change.vin())) {
				assertThat(change.at()).isEqualTo(change.lastSeen().plus(TIMEOUT));
				latencies.add(Duration.between(change.at(), change.receivedAt()));
			}
		}
		return latencies;
	}

	private static List<Duration> connectLatencies(List<Received> changes, List<String> vins) {
		Set<String> wanted = Set.copyOf(vins);
		return changes.stream()
			.filter((change) -> "CONNECTED".equals(change.status()) && wanted.contains(change.vin()))
			.map((change) -> Duration.between(change.at(), change.receivedAt()))
			.toList();
	}

}
