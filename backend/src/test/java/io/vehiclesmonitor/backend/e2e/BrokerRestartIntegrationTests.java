package io.vehiclesmonitor.backend.e2e;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The machine's real RabbitMQ is restarted ({@code rabbitmqctl stop_app}, then
 * {@code start_app}) while a publisher streams pings and two replicas consume them. Every
 * ping the broker confirmed before it went down is applied once it is back (queue and
 * messages are durable, acknowledgements come only after Redis was updated); both
 * replicas report RabbitMQ DOWN during the outage, reconnect on their own and consume
 * again.
 */
class BrokerRestartIntegrationTests {

	private static final Duration LONG = Duration.ofMinutes(2);

	@Test
	void aBrokerRestartInMidStreamLosesNoConfirmedPingAndEveryReplicaConsumesAgain() throws Exception {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("monitor.ingest.prefetch", 100);
		try (DistributedCluster cluster = new DistributedCluster(settings)) {
			Replica a = cluster.startReplica();
			Replica b = cluster.startReplica();
			List<Replica> replicas = List.of(a, b);
			await().atMost(LONG).until(() -> a.brokerConnected() && b.brokerConnected());
			List<String> vins = a.registerFleet("Restart", 2000, null, null);

			Map<String, Instant> confirmed = new ConcurrentHashMap<>();
			AtomicBoolean publishing = new AtomicBoolean(true);
			Thread publisher = new Thread(
					() -> publishUntilTheBrokerGoesAway(cluster.publisher, vins, confirmed, publishing));
			publisher.start();
			await().atMost(LONG).until(() -> confirmed.size() == vins.size());
			rabbitmqctl("stop_app");
			try {
				publisher.join(TimeUnit.MINUTES.toMillis(1));
				assertThat(publisher.isAlive()).as("the publisher noticed the broker going away").isFalse();
				await().atMost(LONG).until(() -> !a.brokerConnected() && !b.brokerConnected());
				for (Replica replica : replicas) {
					await().atMost(LONG).until(() -> "DOWN".equals(replica.health("rabbitmq")));
				}
			}
			finally {
				publishing.set(false);
				rabbitmqctl("start_app");
			}

			await().atMost(LONG).until(() -> a.brokerConnected() && b.brokerConnected());
			Map<String, Instant> lastConfirmed = Map.copyOf(confirmed);
			await().atMost(LONG).until(() -> {
				Map<String, Replica.Live> live = a.vehicles();
				return vins.stream()
					.allMatch((vin) -> live.get(vin).lastSeen() != null
							&& !live.get(vin).lastSeen().isBefore(lastConfirmed.get(vin)));
			});

			// both consumers are back: a fresh stream is shared by the two replicas again
			PingPublisher recovered = cluster.publisher;
			cluster.publisher = new PingPublisher(cluster.exchange);
			closeQuietly(recovered);
			double[] before = { a.pingsAcceptedFromBroker(), b.pingsAcceptedFromBroker() };
			Instant after = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			for (String vin : vins) {
				cluster.publisher.publish(vin, after);
			}
			cluster.publisher.confirm();
			await().atMost(LONG)
				.until(() -> a.vehicles()
					.values()
					.stream()
					.filter((live) -> vins.contains(live.vin()))
					.allMatch((live) -> after.equals(live.lastSeen())));
			assertThat(a.pingsAcceptedFromBroker()).isGreaterThan(before[0]);
			assertThat(b.pingsAcceptedFromBroker()).isGreaterThan(before[1]);
			for (Replica replica : replicas) {
				assertThat(replica.health("rabbitmq")).isEqualTo("UP");
			}
			assertThat(cluster.publisher.ready(cluster.deadLetterQueue)).isZero();
		}
	}

	/**
	 * Pings every vehicle round after round, each batch of 50 confirmed before it counts,
	 * until publishing fails (the broker went away) or it is told to stop.
	 */
	private static void publishUntilTheBrokerGoesAway(PingPublisher publisher, List<String> vins,
			Map<String, Instant> confirmed, AtomicBoolean publishing) {
		Map<String, Instant> batch = new LinkedHashMap<>();
		try {
			while (publishing.get()) {
				for (String vin : vins) {
					Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
					publisher.publish(vin, at);
					batch.put(vin, at);
					if (batch.size() == 50) {
						publisher.confirm();
						confirmed.putAll(batch);
						batch.clear();
					}
				}
			}
		}
		catch (Exception ex) {
			// the broker went away: what was not confirmed does not count
		}
	}

	private static void closeQuietly(PingPublisher publisher) {
		try {
			publisher.close();
		}
		catch (Exception ex) {
			// its connection died with the broker; nothing to release
		}
	}

	private static void rabbitmqctl(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("rabbitmqctl " + command + " finished").isTrue();
		assertThat(process.exitValue()).as("rabbitmqctl " + command + " exit code").isZero();
	}

}
