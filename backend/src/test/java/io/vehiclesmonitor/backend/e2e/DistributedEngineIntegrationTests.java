package io.vehiclesmonitor.backend.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.vehiclesmonitor.backend.e2e.SseRecorder.Received;
import io.vehiclesmonitor.backend.status.StatusChange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import io.vehiclesmonitor.backend.support.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two full backend replicas (real application, {@code monitor.mode=distributed}) share
 * one fresh PostgreSQL database, one Redis key prefix and one RabbitMQ topology; both
 * consume pings. Each test registers its own vehicles through the REST API on one replica
 * and follows their changes on both replicas' SSE streams, the Redis change stream and
 * {@code status_history}. Global heartbeat 2 s + 1 s; groups that need more slack get a
 * customer override.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedEngineIntegrationTests {

	private static final Duration LONG = Duration.ofSeconds(120);

	private DistributedCluster cluster;

	private Replica a;

	private Replica b;

	private SseRecorder streamA;

	private SseRecorder streamB;

	@BeforeAll
	void startTwoReplicas() throws Exception {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("monitor.heartbeat.interval", "2s");
		settings.put("monitor.heartbeat.grace", "1s");
		settings.put("monitor.status.sweep-interval", "200ms");
		// a small prefetch, so a stalled consumer leaves its backlog visible in the queue
		settings.put("monitor.ingest.prefetch", 50);
		settings.put("monitor.ingest.backlog-threshold", 200);
		settings.put("monitor.ingest.backlog-poll-interval", "200ms");
		settings.put("monitor.ingest.retry-backoff", "50ms");
		settings.put("monitor.ingest.retry-backoff-max", "500ms");
		settings.put("monitor.stream.batch-window", "50ms");
		settings.put("monitor.stream.client-buffer", 4096);
		this.cluster = new DistributedCluster(settings);
		this.a = this.cluster.startReplica();
		this.b = this.cluster.startReplica();
		await().atMost(LONG).until(() -> this.a.brokerConnected() && this.b.brokerConnected());
		this.streamA = new SseRecorder(this.a);
		this.streamB = new SseRecorder(this.b);
		await().atMost(LONG).until(() -> this.streamA.ready() && this.streamB.ready());
	}

	@AfterAll
	void stop() throws Exception {
		if (this.streamA != null) {
			this.streamA.close();
			this.streamB.close();
		}
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	@Order(1)
	void everyVehicleConnectsOnceAndDisconnectsOnceAtItsDeadlineSeenByBothReplicas() throws Exception {
		Duration timeout = Duration.ofSeconds(15);
		List<String> vins = register(3000, 12, 3);
		Map<String, Instant> pinged = new HashMap<>();
		for (String vin : vins) {
			Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			this.cluster.publisher.publish(vin, at);
			pinged.put(vin, at);
		}
		this.cluster.publisher.confirm();

		for (Replica replica : List.of(this.a, this.b)) {
			await().atMost(LONG).until(() -> {
				Map<String, Replica.Live> live = replica.vehicles();
				return vins.stream().allMatch((vin) -> pinged.get(vin).equals(live.get(vin).lastSeen()));
			});
		}
		// both replicas consumed a share of the pings
		assertThat(this.a.pingsAcceptedFromBroker()).isPositive();
		assertThat(this.b.pingsAcceptedFromBroker()).isPositive();
		Map<String, Replica.Live> seenByA = this.a.vehicles();
		assertThat(vins).allSatisfy((vin) -> assertThat(seenByA.get(vin).status()).isEqualTo("CONNECTED"));
		awaitChanges(vins, "DISCONNECTED");
		settle();

		for (SseRecorder stream : List.of(this.streamA, this.streamB)) {
			Map<String, List<Received>> byVin = byVin(stream.changes(), vins);
			assertThat(byVin).hasSize(vins.size());
			byVin.forEach((vin, changes) -> {
				assertThat(changes).extracting(Received::status).containsExactly("CONNECTED", "DISCONNECTED");
				assertThat(changes.get(0).at()).isEqualTo(pinged.get(vin));
				assertThat(changes.get(1).at()).isEqualTo(pinged.get(vin).plus(timeout));
				assertThat(changes.get(1).lastSeen()).isEqualTo(pinged.get(vin));
			});
		}
		assertThat(ids(this.streamA.changes(), vins)).isEqualTo(ids(this.streamB.changes(), vins))
			.hasSize(2 * vins.size());
		List<StatusChange> streamed = this.cluster.redis.streamedChanges()
			.stream()
			.filter((change) -> pinged.containsKey(change.vin()))
			.toList();
		assertThat(streamed).hasSize(2 * vins.size());
		await().atMost(LONG).until(() -> historyRows(vins) == 2L * vins.size());
		assertThat(historyIds(vins)).isEqualTo(ids(this.streamA.changes(), vins));
		assertThat(this.streamA.resyncs() + this.streamB.resyncs()).isZero();
	}

	@Test
	@Order(2)
	void aPingOverRabbitMqAppliedByOneReplicaReachesTheOtherReplicasStream() throws Exception {
		String vin = register(1, null, null).get(0);
		// replica b is cut off from the broker, so replica a must be the one consuming
		this.cluster.proxies.get(1).refuse();
		try {
			await().atMost(LONG).until(() -> !this.b.brokerConnected());
			Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			this.cluster.publisher.publish(vin, at);
			this.cluster.publisher.confirm();

			await().atMost(LONG).until(() -> byVin(this.streamB.changes(), List.of(vin)).containsKey(vin));
			Received seenByB = byVin(this.streamB.changes(), List.of(vin)).get(vin).get(0);
			assertThat(seenByB.status()).isEqualTo("CONNECTED");
			assertThat(seenByB.at()).isEqualTo(at);
			assertThat(this.b.brokerConnected()).isFalse();
		}
		finally {
			this.cluster.proxies.get(1).admit();
		}
		await().atMost(LONG).until(this.b::brokerConnected);
	}

	@Test
	@Order(3)
	void aConsumerBacklogBlamesNoVehicleAndTheTrueDeadlinesFollowOnceCaughtUp() throws Exception {
		Duration timeout = Duration.ofSeconds(6);
		List<String> vins = register(400, 5, 1);
		Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (String vin : vins) {
			this.cluster.publisher.publish(vin, first);
		}
		this.cluster.publisher.confirm();
		awaitChanges(vins, "CONNECTED");

		// both consumers stall (bytes held, connections open): the next pings pile up
		this.cluster.proxies.forEach(TcpProxy::stall);
		Instant stalledAt = Instant.now();
		Instant second = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant resumedAt;
		try {
			for (String vin : vins) {
				this.cluster.publisher.publish(vin, second);
			}
			this.cluster.publisher.confirm();
			assertThat(this.cluster.publisher.ready(this.cluster.queue)).isGreaterThan(200);
			// well past both the first and the second pings' deadlines
			await().pollDelay(Duration.ofSeconds(9)).atMost(Duration.ofSeconds(10)).until(() -> true);
			resumedAt = Instant.now();
			assertThat(second.plus(timeout)).isBefore(resumedAt);
			assertThat(byVin(this.streamA.changes(), vins).values())
				.allSatisfy((changes) -> assertThat(changes).extracting(Received::status).containsExactly("CONNECTED"));
		}
		finally {
			this.cluster.proxies.forEach(TcpProxy::resume);
		}

		awaitChanges(vins, "DISCONNECTED");
		settle();
		for (SseRecorder stream : List.of(this.streamA, this.streamB)) {
			byVin(stream.changes(), vins).forEach((vin, changes) -> {
				assertThat(changes).extracting(Received::status).containsExactly("CONNECTED", "DISCONNECTED");
				assertThat(changes.get(0).at()).isEqualTo(first);
				assertThat(changes.get(1).at()).isEqualTo(second.plus(timeout));
				assertThat(changes.get(1).receivedAt()).isAfter(resumedAt);
			});
		}
		assertThat(stalledAt).isBefore(first.plus(timeout));
	}

	// Last: cutting the broker connections under load has left a replica's connection
	// unrecovered (see docs/architecture.md, Known limits), which would then starve the
	// tests after it of consumers.
	@Test
	@Order(6)
	void aBrokerOutageMidStreamLosesNoConfirmedPing() throws Exception {
		List<String> vins = register(1500, null, null);
		Map<String, Instant> pinged = new HashMap<>();
		for (int i = 0; i < vins.size(); i++) {
			if (i == 500 || i == 1000) {
				// cut both replicas' connections while pings keep coming
				this.cluster.proxies.forEach(TcpProxy::dropConnections);
			}
			Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			this.cluster.publisher.publish(vins.get(i), at);
			pinged.put(vins.get(i), at);
			if (i % 50 == 49) {
				this.cluster.publisher.confirm();
			}
		}
		this.cluster.publisher.confirm();

		await().atMost(LONG).until(() -> {
			Map<String, Replica.Live> live = this.b.vehicles();
			return vins.stream()
				.allMatch((vin) -> live.get(vin).lastSeen() != null
						&& !live.get(vin).lastSeen().isBefore(pinged.get(vin)));
		});
		await().atMost(LONG).until(() -> this.cluster.publisher.ready(this.cluster.queue) == 0);
		assertThat(this.cluster.publisher.ready(this.cluster.deadLetterQueue)).isZero();
	}

	@Test
	@Order(5)
	void losingTheRedisStateKeepsConnectedVehiclesConnectedForOneTimeoutWithoutDuplicates() throws Exception {
		Duration timeout = Duration.ofSeconds(10);
		Duration margin = Duration.ofSeconds(1);
		List<String> vins = register(500, 8, 2);
		Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (String vin : vins) {
			this.cluster.publisher.publish(vin, first);
		}
		this.cluster.publisher.confirm();
		awaitChanges(vins, "CONNECTED");

		Instant lostAt = Instant.now();
		this.cluster.redis.deleteAllKeys();
		// half of them keep pinging through the loss
		List<String> pingingOn = vins.subList(0, 250);
		Instant second = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (String vin : pingingOn) {
			this.cluster.publisher.publish(vin, second);
		}
		this.cluster.publisher.confirm();
		Instant confirmed = Instant.now();

		awaitChanges(vins, "DISCONNECTED");
		settle();
		for (SseRecorder stream : List.of(this.streamA, this.streamB)) {
			Map<String, List<Received>> byVin = byVin(stream.changes(), vins);
			assertThat(byVin).hasSize(vins.size());
			byVin.forEach((vin, changes) -> {
				assertThat(changes).extracting(Received::status).containsExactly("CONNECTED", "DISCONNECTED");
				assertThat(changes.get(0).at()).isEqualTo(first);
				assertThat(changes.get(1).receivedAt()).isAfterOrEqualTo(lostAt.plus(timeout).minus(margin));
				assertThat(changes.get(1).at()).isAfterOrEqualTo(lostAt.plus(timeout).minus(margin));
			});
		}
		Set<String> stillPinging = Set.copyOf(pingingOn);
		byVin(this.streamA.changes(), vins).forEach((vin, changes) -> {
			if (stillPinging.contains(vin)) {
				// the ping after the loss was applied; the re-seed (lazily, at the first
				// store call after the loss, maybe this very ping batch) grants one full
				// timeout from the moment it ran, so the deadline is the later of the two
				assertThat(changes.get(1).lastSeen()).isEqualTo(second);
				assertThat(changes.get(1).at()).isBetween(second.plus(timeout),
						confirmed.plus(timeout).plus(Duration.ofSeconds(2)));
			}
		});
	}

	private List<String> register(int count, Integer intervalSeconds, Integer graceSeconds) {
		return this.a.registerFleet("E2E", count, intervalSeconds, graceSeconds);
	}

	private void awaitChanges(List<String> vins, String status) {
		for (SseRecorder stream : List.of(this.streamA, this.streamB)) {
			await().atMost(LONG)
				.until(() -> stream.changes()
					.stream()
					.filter((change) -> status.equals(change.status()))
					.map(Received::vin)
					.collect(Collectors.toSet())
					.containsAll(vins));
		}
	}

	/** Gives late duplicates, if any, time to arrive before counting. */
	private static void settle() {
		await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
	}

	private static Map<String, List<Received>> byVin(List<Received> changes, List<String> vins) {
		Set<String> wanted = Set.copyOf(vins);
		return changes.stream()
			.filter((change) -> wanted.contains(change.vin()))
			.collect(Collectors.groupingBy(Received::vin, LinkedHashMap::new, Collectors.toList()));
	}

	private static List<Long> ids(List<Received> changes, List<String> vins) {
		Set<String> wanted = Set.copyOf(vins);
		return changes.stream().filter((change) -> wanted.contains(change.vin())).map(Received::id).sorted().toList();
	}

	private long historyRows(List<String> vins) throws Exception {
		return historyIds(vins).size();
	}

	private List<Long> historyIds(List<String> vins) throws Exception {
		Set<String> wanted = Set.copyOf(vins);
		List<Long> ids = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(this.cluster.database.jdbcUrl(), "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT change_id, vin FROM status_history ORDER BY change_id")) {
			while (rows.next()) {
				if (wanted.contains(rows.getString(2))) {
					ids.add(rows.getLong(1));
				}
			}
		}
		return ids;
	}

}
