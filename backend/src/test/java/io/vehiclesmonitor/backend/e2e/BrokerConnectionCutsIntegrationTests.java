package io.vehiclesmonitor.backend.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vehiclesmonitor.backend.support.TcpProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connection recovery under stress: both replicas' broker connections are cut again
 * and again (every 100 pings, 50 cuts in all) while pings stream in. After every round
 * each vehicle's last confirmed ping is applied, and at the end both replicas are
 * consuming again: a consumer lost in a recovery that failed half-way would leave its
 * replica connected but idle.
 */
class BrokerConnectionCutsIntegrationTests {

	private static final Duration LONG = Duration.ofMinutes(2);

	private static final int ROUNDS = 10;

	@Test
	void repeatedCutsUnderLoadLoseNoPingAndLeaveEveryReplicaConsuming() throws Exception {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("monitor.ingest.prefetch", 50);
		try (DistributedCluster cluster = new DistributedCluster(settings)) {
			Replica a = cluster.startReplica();
			Replica b = cluster.startReplica();
			await().atMost(LONG).until(() -> a.brokerConnected() && b.brokerConnected());
			List<String> vins = a.registerFleet("Cuts", 500, null, null);

			for (int round = 0; round < ROUNDS; round++) {
				Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
				for (int i = 0; i < vins.size(); i++) {
					if (i % 100 == 37) {
						cluster.proxies.forEach(TcpProxy::dropConnections);
					}
					cluster.publisher.publish(vins.get(i), at);
				}
				cluster.publisher.confirm();
				await().atMost(LONG).until(() -> {
					Map<String, Replica.Live> live = a.vehicles();
					return vins.stream().allMatch((vin) -> at.equals(live.get(vin).lastSeen()));
				});
			}

			await().atMost(LONG).until(() -> a.brokerConnected() && b.brokerConnected());
			double[] before = { a.pingsAcceptedFromBroker(), b.pingsAcceptedFromBroker() };
			for (int round = 0; round < 4; round++) {
				Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
				for (String vin : vins) {
					cluster.publisher.publish(vin, at);
				}
				cluster.publisher.confirm();
			}
			await().atMost(LONG)
				.until(() -> a.pingsAcceptedFromBroker() + b.pingsAcceptedFromBroker() - before[0] - before[1] >= 4
						* vins.size());
			assertThat(a.pingsAcceptedFromBroker()).as("replica a consumes again").isGreaterThan(before[0]);
			assertThat(b.pingsAcceptedFromBroker()).as("replica b consumes again").isGreaterThan(before[1]);
			assertThat(cluster.publisher.ready(cluster.deadLetterQueue)).isZero();
		}
	}

}
