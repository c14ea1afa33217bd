package io.vehiclesmonitor.backend.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.vehiclesmonitor.backend.e2e.SseRecorder.Received;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One replica stalls (connection open, nothing moves: a long GC pause, a half-open
 * network) holding pings the broker already delivered to it; the other replica is healthy
 * and keeps sweeping the shared state. The pings were confirmed to the publisher, so they
 * are our backlog and must not blame their vehicles.
 * <p>
 * A replica's own watermark looks only at its own connection and at the queue's ready
 * count, which excludes the up to {@code monitor.ingest.prefetch} unacknowledged
 * deliveries a stalled replica holds, while the sweep acts on every vehicle. With only
 * that, the healthy replica disconnected exactly the vehicles whose newer ping sat in the
 * stalled replica (the prefetch, 50 here), and they reconnected once those pings were
 * redelivered. The cluster watermark (the minimum over the replicas' published
 * watermarks, {@code ingest.ClusterIngestProgress}) holds the healthy replica back too.
 */
class StalledReplicaIntegrationTests {

	@Test
	void pingsHeldUnacknowledgedByAStalledReplicaDoNotGetTheirVehiclesDisconnectedByTheOther() throws Exception {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("monitor.heartbeat.interval", "2s");
		settings.put("monitor.heartbeat.grace", "1s");
		settings.put("monitor.status.sweep-interval", "200ms");
		settings.put("monitor.ingest.prefetch", 50);
		settings.put("monitor.ingest.backlog-threshold", 200);
		settings.put("monitor.ingest.backlog-poll-interval", "200ms");
		try (DistributedCluster cluster = new DistributedCluster(settings)) {
			Replica a = cluster.startReplica();
			Replica b = cluster.startReplica();
			await().atMost(Duration.ofMinutes(2)).until(() -> a.brokerConnected() && b.brokerConnected());
			try (SseRecorder stream = new SseRecorder(a)) {
				await().atMost(Duration.ofMinutes(2)).until(stream::ready);
				List<String> vins = a.registerFleet("Stall", 200, 5, 1);
				Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
				for (String vin : vins) {
					cluster.publisher.publish(vin, first);
				}
				cluster.publisher.confirm();
				await().atMost(Duration.ofMinutes(1))
					.until(() -> count(stream.changes(), vins, "CONNECTED") == vins.size());

				await().until(() -> Instant.now().isAfter(first.plus(Duration.ofSeconds(2))));
				cluster.proxies.get(1).stall();
				try {
					Instant second = Instant.now().truncatedTo(ChronoUnit.MILLIS);
					for (String vin : vins) {
						cluster.publisher.publish(vin, second);
					}
					cluster.publisher.confirm();
					// past the first pings' deadlines (first + 6 s), before the second
					// ones'
					await().atMost(Duration.ofSeconds(20))
						.until(() -> Instant.now().isAfter(first.plus(Duration.ofSeconds(7))));
					assertThat(Instant.now()).isBefore(second.plus(Duration.ofSeconds(6)));
					assertThat(count(stream.changes(), vins, "DISCONNECTED"))
						.as("vehicles disconnected although their ping was confirmed by the broker and is held by a stalled replica")
						.isZero();
				}
				finally {
					cluster.proxies.get(1).resume();
				}
			}
		}
	}

	private static long count(List<Received> changes, List<String> vins, String status) {
		Set<String> wanted = Set.copyOf(vins);
		return changes.stream()
			.filter((c) -> wanted.contains(c.vin()) && status.equals(c.status()))
			.map(Received::vin)
			.collect(Collectors.toSet())
			.size();
	}

}
