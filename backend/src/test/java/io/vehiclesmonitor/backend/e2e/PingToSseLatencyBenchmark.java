package io.vehiclesmonitor.backend.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

import io.vehiclesmonitor.backend.e2e.SseRecorder.Received;
import io.vehiclesmonitor.backend.ingest.IngestProperties;
import io.vehiclesmonitor.backend.status.ChangeBus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ping to SSE latency at 10 000 pings a second on one distributed replica: nine in ten
 * pings keep an already Connected vehicle alive (no change), one in ten is the first ping
 * of a Disconnected vehicle, so 1 000 CONNECTED changes a second flow to the stream while
 * the ingest carries the full rate. Latency = arrival at an SSE client (and at the
 * replica's change bus) minus the ping's publish time, which is the change's {@code at}.
 * With the default SSE batch window (20 ms) and with 250 ms, single-ping messages and
 * gateway batches of 10 pings (1 000 messages a second). Run with
 * {@code ./mvnw -pl backend -am verify -Pbenchmarks -Dtest=PingToSseLatencyBenchmark};
 * knobs {@code -Dbench.rate=10000 -Dbench.seconds=20}. Results in
 * {@code backend/target/benchmarks/}.
 */
@Tag("benchmark")
class PingToSseLatencyBenchmark {

	private static final int RATE = Integer.getInteger("bench.rate", 10_000);

	private static final int SECONDS = Integer.getInteger("bench.seconds", 20);

	/** One ping in this many is a connect. */
	private static final int CHANGE_EVERY = 10;

	private static final int STEADY = 10_000;

	@ParameterizedTest(name = "SSE batch window {0}, {1} ping(s) per message")
	@CsvSource({ "250ms, 1", "20ms, 1", "250ms, 10", "20ms, 10" })
	void pingsBecomeStreamedChangesQuicklyUnderFullLoad(String batchWindow, int perMessage) throws Exception {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("monitor.stream.batch-window", batchWindow);
		try (DistributedCluster cluster = new DistributedCluster(settings)) {
			Replica replica = cluster.startReplica();
			IngestProperties ingest = replica.context.getBean(IngestProperties.class);
			await().atMost(Duration.ofMinutes(2)).until(replica::brokerConnected);
			int freshCount = RATE / CHANGE_EVERY * SECONDS;
			List<String> steady = register(replica, STEADY);
			List<String> fresh = register(replica, freshCount);
			ConcurrentLinkedQueue<Received> bus = new ConcurrentLinkedQueue<>();
			Disposable busSubscription = replica.context.getBean(ChangeBus.class)
				.changes()
				.subscribe((change) -> bus.add(new Received(change.id(), change.vin(), change.status().name(),
						change.at(), change.lastSeen(), Instant.now())));
			try (SseRecorder sse = new SseRecorder(replica)) {
				await().atMost(Duration.ofMinutes(2)).until(sse::ready);
				// Warm-up: connect the steady fleet (and warm the JIT) at half the rate.
				publish(cluster.publisher, steady, List.of(), RATE / 2, steady.size(), perMessage);
				awaitConnected(sse, steady);
				// and 5 s at the full rate with no changes: the first case runs in a cold
				// JVM
				publish(cluster.publisher, steady, List.of(), RATE, RATE * 5, perMessage);

				long start = System.nanoTime();
				publish(cluster.publisher, steady, fresh, RATE, RATE * SECONDS, perMessage);
				double publishSeconds = (System.nanoTime() - start) / 1e9;
				awaitConnected(sse, fresh);
				busSubscription.dispose();

				List<Duration> sseLatencies = connectLatencies(sse.changes(), fresh);
				List<Duration> busLatencies = connectLatencies(List.copyOf(bus), fresh);
				String kind = (perMessage == 1) ? "single-ping messages" : perMessage + " pings per message";
				BenchmarkReport report = new BenchmarkReport(
						"ping-to-sse-window-" + batchWindow + "-" + perMessage + "-per-message")
					.note(RATE + " pings/s for " + SECONDS + " s over AMQP (" + kind + ", publisher confirms)"
							+ ", published in " + String.format("%.1f", publishSeconds) + " s: " + (CHANGE_EVERY - 1)
							+ " in " + CHANGE_EVERY + " keep one of " + STEADY + " Connected vehicles alive, 1 in "
							+ CHANGE_EVERY + " connects a new one (" + freshCount + " CONNECTED changes)")
					.note("SSE batch window " + batchWindow + " (default 20ms), ingest max-wait "
							+ ingest.maxWait().toMillis() + "ms" + ", max-batch " + ingest.maxBatch())
					.note("one replica, RabbitMQ, Redis and PostgreSQL on the same machine as the publisher and the SSE client")
					.add(LatencyStats.of("CONNECTED, SSE receive - publish", sseLatencies))
					.add(LatencyStats.of("CONNECTED, change bus receive - publish", busLatencies))
					.percentiles("SSE, window " + batchWindow + ", " + kind, sseLatencies)
					.percentiles("change bus, window " + batchWindow + ", " + kind, busLatencies);
				report.write();
				assertThat(sse.resyncs()).isZero();
				assertThat(sseLatencies).hasSize(freshCount);
			}
		}
	}

	private static List<String> register(Replica replica, int count) {
		long customer = replica.createCustomer("Bench " + PingPublisher.randomVin(), null, null);
		Set<String> vins = new LinkedHashSet<>();
		while (vins.size() < count) {
			vins.add(PingPublisher.randomVin());
		}
		List<String> list = List.copyOf(vins);
		for (int from = 0; from < list.size(); from += 10_000) {
			List<String> chunk = list.subList(from, Math.min(list.size(), from + 10_000));
			assertThat(replica.importVehicles(customer, chunk)).isEqualTo(chunk.size());
		}
		return list;
	}

	/**
	 * {@code total} pings at {@code perSecond} in messages of {@code perMessage}, each
	 * message stamped with its publish time: every {@link #CHANGE_EVERY}th ping goes to
	 * the next fresh vehicle (if any), the others round robin over the steady ones.
	 */
	private static void publish(PingPublisher publisher, List<String> steady, List<String> fresh, int perSecond,
			int total, int perMessage) throws Exception {
		long start = System.nanoTime();
		int nextFresh = 0;
		int nextSteady = 0;
		List<String> message = new ArrayList<>(perMessage);
		for (int i = 0; i < total; i++) {
			if (i % CHANGE_EVERY == CHANGE_EVERY - 1 && nextFresh < fresh.size()) {
				message.add(fresh.get(nextFresh++));
			}
			else {
				message.add(steady.get(nextSteady++ % steady.size()));
			}
			if (message.size() < perMessage && i < total - 1) {
				continue;
			}
			long due = start + (long) i * 1_000_000_000L / perSecond;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			if (perMessage == 1) {
				publisher.publish(message.get(0), now);
			}
			else {
				publisher.publishBatch(message, now);
			}
			message.clear();
			if (i % 5000 >= 5000 - perMessage) {
				publisher.confirm();
			}
		}
		publisher.confirm();
	}

	private static void awaitConnected(SseRecorder sse, List<String> vins) {
		Set<String> wanted = Set.copyOf(vins);
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> sse.changes()
				.stream()
				.filter((change) -> "CONNECTED".equals(change.status()) && wanted.contains(change.vin()))
				.count() >= vins.size());
	}

	private static List<Duration> connectLatencies(List<Received> changes, List<String> vins) {
		Set<String> wanted = Set.copyOf(vins);
		List<Duration> latencies = new ArrayList<>();
		for (Received change : changes) {
			if ("CONNECTED".equals(change.status()) && wanted.contains(change.vin())) {
				latencies.add(Duration.between(change.at(), change.receivedAt()));
			}
		}
		return latencies;
	}

}
